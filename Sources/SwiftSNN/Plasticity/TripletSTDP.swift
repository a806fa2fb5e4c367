/// `stdp_triplet`: the triplet STDP rule of Pfister & Gerstner 2006 (J Neurosci 26:9673), all-to-all or
/// nearest-spike, with additive updates in weight units and hard bounds, as NEST `stdp_triplet_synapse`:
///
///     pre arrival:  w ← w − o₁ · (A₂₋ + A₃₋ · r₂)     o₁: post trace (τ₋), r₂: pre trace (τ_x) before this arrival
///     post spike:   w ← w + r₁ · (A₂₊ + A₃₊ · o₂)     r₁: pre trace (τ₊),  o₂: post trace (τ_y) before this spike
///     then w is clipped to [w_min, w_max]; traces in ms
///
/// The defaults are Pfister & Gerstner's all-to-all "full" fit to visual cortex data (their Table 4), which are
/// also NEST's; A₃₋ = 0 gives their "minimal" model. Checked by TripletSTDPTests against the closed form of pair
/// and triplet protocols.
public struct TripletSTDP: PlasticityRule {
    public static let name = "stdp_triplet"
    /// One line on the rule, in `snn models`.
    public static let summary = "triplet STDP (Pfister & Gerstner 2006; NEST stdp_triplet_synapse)"
    /// The parameter table: keys, units, defaults, ranges.
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("Aplus", unit: "w", default: 5e-10, .nonNegative, "Pair potentiation amplitude A₂₊"),
        ParameterSpec("Aplus_triplet", unit: "w", default: 6.2e-3, .nonNegative, "Triplet potentiation amplitude A₃₊"),
        ParameterSpec("Aminus", unit: "w", default: 7e-3, .nonNegative, "Pair depression amplitude A₂₋"),
        ParameterSpec("Aminus_triplet", unit: "w", default: 2.3e-4, .nonNegative, "Triplet depression amplitude A₃₋"),
        ParameterSpec("tau_plus", unit: "ms", default: 16.8, .positive, "Presynaptic pair trace time constant τ₊"),
        ParameterSpec("tau_plus_triplet", unit: "ms", default: 101, .positive, "Presynaptic triplet trace time constant τ_x"),
        ParameterSpec("tau_minus", unit: "ms", default: 33.7, .positive, "Postsynaptic pair trace time constant τ₋"),
        ParameterSpec("tau_minus_triplet", unit: "ms", default: 125, .positive, "Postsynaptic triplet trace time constant τ_y"),
    ] + ParameterSpec.weightBounds(min: 0, max: 100)

    /// `Aplus`, pair potentiation.
    public var pairPotentiation: Double
    /// `Aplus_triplet`.
    public var tripletPotentiation: Double
    /// `Aminus`, pair depression.
    public var pairDepression: Double
    /// `Aminus_triplet`.
    public var tripletDepression: Double
    /// Time constants of the presynaptic traces [ms].
    public var preTraceTausMs: Traces
    /// Time constants of the postsynaptic traces [ms].
    public var postTraceTausMs: Traces
    public var nearestSpike: Bool
    public var weightBounds: ClosedRange<Double>

    /// The rule with the given parameters, checked against `parameters`.
    public init(_ p: ParameterValues, options: PlasticityOptions) throws {
        pairPotentiation = p["Aplus"]
        tripletPotentiation = p["Aplus_triplet"]
        pairDepression = p["Aminus"]
        tripletDepression = p["Aminus_triplet"]
        preTraceTausMs = Traces(p["tau_plus"], p["tau_plus_triplet"])
        postTraceTausMs = Traces(p["tau_minus"], p["tau_minus_triplet"])
        nearestSpike = options.nearestSpike
        weightBounds = try p.weightBounds()
    }

    @inline(__always)
    public func onPresynapticArrival(_ synapse: inout SynapseState, pre: Traces, post: Traces) {
        if post.first == 0 { return }
        synapse.weight = weightBounds.clipped(synapse.weight - post.first * (pairDepression + tripletDepression * pre.second))
    }

    @inline(__always)
    public func onPostsynapticSpike(_ synapse: inout SynapseState, pre: Traces, post: Traces) {
        if pre.first == 0 { return }
        synapse.weight = weightBounds.clipped(synapse.weight + pre.first * (pairPotentiation + tripletPotentiation * post.second))
    }
}
