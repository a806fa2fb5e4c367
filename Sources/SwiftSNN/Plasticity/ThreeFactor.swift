import Foundation

/// `three_factor`: a per-synapse eligibility trace e, set by pre/post coincidences and decaying with τ_e, turned
/// into weight change by a third factor M (dopamine, reward, error): reward-modulated STDP of Izhikevich 2007
/// (Cereb Cortex 17:2443) and NEST `stdp_dopamine_synapse` (Potjans et al. 2010). With x₊ the presynaptic trace
/// (τ₊) and x₋ the postsynaptic trace (τ₋):
///
///     pre arrival:  e ← e − A₋ x₋          post spike:  e ← e + A₊ x₊
///     de/dt = −e / τ_e                     dw/dt = η (M − b) e,   w clipped to [w_min, w_max]
///
/// M is the parameter `modulation`, normally bound to a modulator (`"modulation": {"modulator": "dopamine"}`;
/// a `volume_transmitter` modulator is NEST's dopamine trace n). Each step integrates dw/dt exactly for M held
/// over the step: w ← w + η (M − b) e τ_e (1 − e^{−dt/τ_e}), then e ← e e^{−dt/τ_e}; so a pair with eligibility
/// e₀ at time t_p and M constant from t₁ to t₂ gives Δw = η (M − b) e₀ τ_e (e^{−(t₁−t_p)/τ_e} − e^{−(t₂−t_p)/τ_e}).
/// The weight the synapse transmits changes only through M. Every synapse is updated every step.
public struct ThreeFactor: PlasticityRule {
    public static let name = "three_factor"
    /// One line on the rule, in `snn models`.
    public static let summary = "eligibility trace × modulator (reward-modulated STDP; NEST stdp_dopamine_synapse)"
    /// The parameter table: keys, units, defaults, ranges.
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("eta", unit: "1/ms", default: 1, .nonNegative, "Learning rate η (weight change per unit of M·e per ms)"),
        ParameterSpec("modulation", unit: "M", default: 0, "The third factor M; bind it to a modulator"),
        ParameterSpec("b", unit: "M", default: 0, "Baseline subtracted from M (NEST's b)"),
        ParameterSpec("tau_e", unit: "ms", default: 1000, .positive, "Eligibility trace time constant τ_e (NEST tau_c)"),
        ParameterSpec("Aplus", unit: "w", default: 1, "Eligibility added per causal pair A₊"),
        ParameterSpec("Aminus", unit: "w", default: 1.5, "Eligibility removed per anti-causal pair A₋"),
        ParameterSpec("tau_plus", unit: "ms", default: 20, .positive, "Presynaptic trace time constant τ₊"),
        ParameterSpec("tau_minus", unit: "ms", default: 20, .positive, "Postsynaptic trace time constant τ₋"),
    ] + ParameterSpec.weightBounds(min: 0, max: 200)
    public static var usesSynapseTrace: Bool { true }
    public static var updatesEveryStep: Bool { true }
    public static var keepsExactWeights: Bool { true }

    /// `Aplus`.
    public var potentiation: Double
    /// `Aminus`.
    public var depression: Double
    /// η (M − b) τ_e (1 − e^{−dt/τ_e}): the weight change per unit of eligibility in one step.
    public var stepGain: Double
    /// e^{−dt/τ_e}
    public var eligibilityDecay: Double
    /// Time constants of the presynaptic traces [ms].
    public var preTraceTausMs: Traces
    /// Time constants of the postsynaptic traces [ms].
    public var postTraceTausMs: Traces
    public var nearestSpike: Bool
    public var weightBounds: ClosedRange<Double>

    /// The rule with the given parameters, checked against `parameters`.
    public init(_ p: ParameterValues, options: PlasticityOptions) throws {
        potentiation = p["Aplus"]
        depression = p["Aminus"]
        eligibilityDecay = exp(-options.dtMs / p["tau_e"])
        stepGain = p["eta"] * (p["modulation"] - p["b"]) * p["tau_e"] * -expm1(-options.dtMs / p["tau_e"])
        preTraceTausMs = Traces(p["tau_plus"], p["tau_plus"])
        postTraceTausMs = Traces(p["tau_minus"], p["tau_minus"])
        nearestSpike = options.nearestSpike
        weightBounds = try p.weightBounds()
    }

    @inline(__always)
    public func onPresynapticArrival(_ synapse: inout SynapseState, pre: Traces, post: Traces) {
        synapse.trace -= depression * post.first
    }

    @inline(__always)
    public func onPostsynapticSpike(_ synapse: inout SynapseState, pre: Traces, post: Traces) {
        synapse.trace += potentiation * pre.first
    }

    @inline(__always)
    public func onStep(_ synapse: inout SynapseState) {
        if synapse.trace == 0 { return }
        if stepGain != 0 { synapse.weight = weightBounds.clipped(synapse.weight + stepGain * synapse.trace) }
        synapse.trace *= eligibilityDecay
    }
}
