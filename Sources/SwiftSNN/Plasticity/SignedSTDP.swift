/// `stdp_signed`: additive pair STDP for projections of either sign, the rule of NALSM's liquid (Ivanov &
/// Michmizos, NeurIPS 2021, `NALSM_STDP.py`). With x₊ the presynaptic trace (τ₊) and x₋ the postsynaptic trace (τ₋),
/// both jumping by 1 per spike:
///
///     excitatory (w_max > 0):  post spike  w ← w + A₊ x₊     pre arrival  w ← w − A₋ x₋
///     inhibitory (w_max ≤ 0, w_min < 0):  post spike  w ← w − A₋ x₊     pre arrival  w ← w + A₊ x₋
///     then w is clipped to [w_min, w_max]
///
/// Bounds of both signs (NALSM's input → liquid synapses, random signs within [−3, 3]) take the excitatory form,
/// as NALSM treats input neurons like excitatory ones.
/// so causal pairing strengthens either kind of synapse (an inhibitory weight grows more negative) with the
/// amplitude A₋ for inhibition: in NALSM, A₋ is the astrocyte's state, bound here with
/// `"Aminus": {"modulator": "astrocyte", "scale": a}` (NALSM's traces jump by a = 0.1, so its A± map to 0.1·A±).
/// For one pair, Δt = t_post − (t_pre + d): Δw = A₊ e^{−Δt/τ₊} (Δt ≥ 0) and −A₋ e^{Δt/τ₋} (Δt < 0) for excitatory
/// synapses, −A₋ e^{−Δt/τ₊} and +A₊ e^{Δt/τ₋} for inhibitory ones. (NALSM updates traces after weights, so its
/// same-step pairs do nothing; here Δt = 0 pairs causally, as in every rule of this library.)
public struct SignedSTDP: PlasticityRule {
    public static let name = "stdp_signed"
    /// One line on the rule, in `snn models`.
    public static let summary = "additive pair STDP for excitatory or inhibitory synapses, A± from modulators (NALSM)"
    /// The parameter table: keys, units, defaults, ranges.
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("Aplus", unit: "w", default: 0.015, "Potentiation amplitude A₊ (excitatory causal, inhibitory anti-causal)"),
        ParameterSpec("Aminus", unit: "w", default: 0.015, "Depression amplitude A₋ (excitatory anti-causal, inhibitory causal)"),
        ParameterSpec("tau_plus", unit: "ms", default: 10, .positive, "Presynaptic trace time constant τ₊"),
        ParameterSpec("tau_minus", unit: "ms", default: 10, .positive, "Postsynaptic trace time constant τ₋"),
    ] + ParameterSpec.weightBounds(min: 0, max: 3, "Lower weight bound; < 0 with w_max ≤ 0 for inhibitory projections",
                                   "Upper weight bound; ≤ 0 for inhibitory projections, > 0 for excitatory or mixed ones")

    /// `Aplus`.
    public var potentiation: Double
    /// `Aminus`.
    public var depression: Double
    /// +1 for excitatory synapses, −1 for inhibitory ones.
    public var sign: Double
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
        sign = p["w_max"] <= 0 && p["w_min"] < 0 ? -1 : 1
        preTraceTausMs = Traces(p["tau_plus"], p["tau_plus"])
        postTraceTausMs = Traces(p["tau_minus"], p["tau_minus"])
        nearestSpike = options.nearestSpike
        weightBounds = try p.weightBounds()
    }

    @inline(__always)
    public func onPresynapticArrival(_ synapse: inout SynapseState, pre: Traces, post: Traces) {
        if post.first == 0 { return }
        let amplitude = sign > 0 ? -depression : potentiation
        synapse.weight = weightBounds.clipped(synapse.weight + amplitude * post.first)
    }

    @inline(__always)
    public func onPostsynapticSpike(_ synapse: inout SynapseState, pre: Traces, post: Traces) {
        if pre.first == 0 { return }
        let amplitude = sign > 0 ? potentiation : -depression
        synapse.weight = weightBounds.clipped(synapse.weight + amplitude * pre.first)
    }
}
