/// `bcm`: the Bienenstock–Cooper–Munro rule (J Neurosci 2:32, 1982) with a sliding threshold, driven by spikes.
/// Rates are trace estimates in Hz: x from the presynaptic trace (τ_x), y from the postsynaptic trace (τ_y) and
/// ȳ from a slow postsynaptic trace (τ_θ). At each postsynaptic spike, with y and ȳ taken just before it:
///
///     θ = ȳ² / y_target
///     w ← w + η x (y − θ)        then w is clipped to [w_min, w_max]
///
/// Averaged over postsynaptic spikes this is dw/dt = η x φ(y) with φ(y) = y (y − θ): depression below the
/// threshold, potentiation above, and a threshold that rises with the square of the long-run rate, which keeps
/// that rate near y_target (the ⟨y⟩²/y₀ form of the threshold, as in Intrator & Cooper 1992's analysis).
/// Presynaptic arrivals change nothing. η is in w per (spike · Hz²).
public struct BCM: PlasticityRule {
    public static let name = "bcm"
    /// One line on the rule, in `snn models`.
    public static let summary = "BCM rule with a sliding threshold θ = ȳ²/y_target on trace rates (Bienenstock, Cooper & Munro 1982)"
    /// The parameter table: keys, units, defaults, ranges.
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("eta", unit: "w/Hz²", default: 1e-6, .nonNegative, "Learning rate η per postsynaptic spike"),
        ParameterSpec("y_target", unit: "Hz", default: 10, .positive, "Rate the sliding threshold steers towards"),
        ParameterSpec("tau_x", unit: "ms", default: 50, .positive, "Presynaptic rate trace time constant τ_x"),
        ParameterSpec("tau_y", unit: "ms", default: 50, .positive, "Postsynaptic rate trace time constant τ_y"),
        ParameterSpec("tau_theta", unit: "ms", default: 1000, .positive, "Slow postsynaptic rate (threshold) time constant τ_θ"),
    ] + ParameterSpec.weightBounds(min: 0, max: 100)

    /// `eta`.
    public var learningRate: Double
    /// `y_target` [Hz].
    public var targetRateHz: Double
    /// Time constants of the presynaptic traces [ms].
    public var preTraceTausMs: Traces
    /// Time constants of the postsynaptic traces [ms].
    public var postTraceTausMs: Traces
    public var nearestSpike: Bool
    public var weightBounds: ClosedRange<Double>

    /// The rule with the given parameters, checked against `parameters`.
    public init(_ p: ParameterValues, options: PlasticityOptions) throws {
        learningRate = p["eta"]
        targetRateHz = p["y_target"]
        preTraceTausMs = Traces(p["tau_x"], p["tau_x"])
        postTraceTausMs = Traces(p["tau_y"], p["tau_theta"])
        nearestSpike = options.nearestSpike
        weightBounds = try p.weightBounds()
    }

    public func onPresynapticArrival(_ synapse: inout SynapseState, pre: Traces, post: Traces) {}

    @inline(__always)
    public func onPostsynapticSpike(_ synapse: inout SynapseState, pre: Traces, post: Traces) {
        let x = pre.rateHz(tauMs: preTraceTausMs.first)
        let y = post.rateHz(tauMs: postTraceTausMs.first)
        let slow = post.secondRateHz(tauMs: postTraceTausMs.second)
        synapse.weight = weightBounds.clipped(synapse.weight + learningRate * x * (y - slow * slow / targetRateHz))
    }
}
