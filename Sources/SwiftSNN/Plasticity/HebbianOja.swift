/// `hebbian`: rate-based Hebbian learning with Oja's normalisation (Oja 1982, J Math Biol 15:267), driven by
/// spikes. Rates are trace estimates in Hz (x from the presynaptic trace, τ_x; y from the postsynaptic trace, τ_y).
/// At each postsynaptic spike, with y taken just before it:
///
///     w ← w + η (x − α y w)      then w is clipped to [w_min, w_max]
///
/// Averaged over postsynaptic spikes (rate y) this is Oja's rule dw/dt = η y (x − α y w): Hebbian growth with
/// the decay term that keeps Σᵢ wᵢ² → 1/α for the inputs of one neuron. α = 0 gives plain Hebbian learning,
/// bounded only by [w_min, w_max]. Presynaptic arrivals change nothing. η is in w per (spike · Hz).
public struct HebbianOja: PlasticityRule {
    public static let name = "hebbian"
    /// One line on the rule, in `snn models`.
    public static let summary = "Hebbian learning on trace rates with Oja's normalisation (Oja 1982)"
    /// The parameter table: keys, units, defaults, ranges.
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("eta", unit: "w/Hz", default: 1e-4, .nonNegative, "Learning rate η per postsynaptic spike"),
        ParameterSpec("alpha", unit: "1/(w·Hz)", default: 1, .nonNegative, "Oja decay α (0: plain Hebbian)"),
        ParameterSpec("tau_x", unit: "ms", default: 100, .positive, "Presynaptic rate trace time constant τ_x"),
        ParameterSpec("tau_y", unit: "ms", default: 100, .positive, "Postsynaptic rate trace time constant τ_y"),
    ] + ParameterSpec.weightBounds(min: -100, max: 100)

    /// `eta`.
    public var learningRate: Double
    /// `alpha`, Oja's decay.
    public var decay: Double
    /// Time constants of the presynaptic traces [ms].
    public var preTraceTausMs: Traces
    /// Time constants of the postsynaptic traces [ms].
    public var postTraceTausMs: Traces
    public var nearestSpike: Bool
    public var weightBounds: ClosedRange<Double>

    /// The rule with the given parameters, checked against `parameters`.
    public init(_ p: ParameterValues, options: PlasticityOptions) throws {
        learningRate = p["eta"]
        decay = p["alpha"]
        preTraceTausMs = Traces(p["tau_x"], p["tau_x"])
        postTraceTausMs = Traces(p["tau_y"], p["tau_y"])
        nearestSpike = options.nearestSpike
        weightBounds = try p.weightBounds()
    }

    public func onPresynapticArrival(_ synapse: inout SynapseState, pre: Traces, post: Traces) {}

    @inline(__always)
    public func onPostsynapticSpike(_ synapse: inout SynapseState, pre: Traces, post: Traces) {
        let x = pre.rateHz(tauMs: preTraceTausMs.first), y = post.rateHz(tauMs: postTraceTausMs.first)
        synapse.weight = weightBounds.clipped(synapse.weight + learningRate * (x - decay * y * synapse.weight))
    }
}
