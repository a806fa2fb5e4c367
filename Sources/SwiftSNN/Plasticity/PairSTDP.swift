import Foundation

/// `stdp`: pair-based spike-timing-dependent plasticity with traces (Song, Miller & Abbott 2000; van Rossum,
/// Bi & Turrigiano 2000), with NEST `stdp_synapse`'s weight dependence on the normalised weight
/// ŵ = (w − w_min)/(w_max − w_min):
///
///     post spike (potentiation):  ŵ ← ŵ + λ (1 − ŵ)^μ₊ · x₊,   x₊: presynaptic trace, τ₊ = tau_plus   [ms]
///     pre arrival (depression):   ŵ ← ŵ − α λ ŵ^μ₋ · x₋,        x₋: postsynaptic trace, τ₋ = tau_minus [ms]
///     then ŵ is clipped to [0, 1] (hard bounds [w_min, w_max])
///
/// μ = 0 is additive, μ = 1 multiplicative, other values power-law. For one pair, Δŵ = λ e^{−Δt/τ₊}(1 − ŵ)^μ₊ when
/// Δt = t_post − (t_pre + d) ≥ 0 and −αλ e^{Δt/τ₋} ŵ^μ₋ when Δt < 0. With w_min = 0 the parameters mean what they
/// mean in NEST (`Wmax` is `w_max`; NEST keeps `tau_minus` on the neuron). Checked by PairSTDPTests against this
/// closed form.
public struct PairSTDP: PlasticityRule {
    public static let name = "stdp"
    /// One line on the rule, in `snn models`.
    public static let summary = "pair-based STDP with traces; additive, multiplicative or power-law (NEST stdp_synapse)"
    /// The parameter table: keys, units, defaults, ranges.
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("lambda", unit: "1", default: 0.01, .nonNegative, "Learning rate (of the normalised weight)"),
        ParameterSpec("alpha", unit: "1", default: 1, .nonNegative, "Depression relative to potentiation"),
        ParameterSpec("mu_plus", unit: "1", default: 1, .nonNegative, "Weight-dependence exponent of potentiation"),
        ParameterSpec("mu_minus", unit: "1", default: 1, .nonNegative, "Weight-dependence exponent of depression"),
        ParameterSpec("tau_plus", unit: "ms", default: 20, .positive, "Presynaptic trace time constant"),
        ParameterSpec("tau_minus", unit: "ms", default: 20, .positive, "Postsynaptic trace time constant"),
    ] + ParameterSpec.weightBounds(min: 0, max: 100)

    /// `lambda`.
    public var learningRate: Double
    /// `alpha`, depression relative to potentiation.
    public var depressionRatio: Double
    /// `mu_plus`, the weight dependence of potentiation.
    public var muPlus: Double
    /// `mu_minus`, the weight dependence of depression.
    public var muMinus: Double
    /// Time constants of the presynaptic traces [ms].
    public var preTraceTausMs: Traces
    /// Time constants of the postsynaptic traces [ms].
    public var postTraceTausMs: Traces
    public var nearestSpike: Bool
    public var weightBounds: ClosedRange<Double>
    /// 1 / (w_max − w_min): normalising multiplies instead of dividing at every synapse.
    private var inverseRange: Double

    /// The rule with the given parameters, checked against `parameters`.
    public init(_ p: ParameterValues, options: PlasticityOptions) throws {
        learningRate = p["lambda"]
        depressionRatio = p["alpha"]
        muPlus = p["mu_plus"]
        muMinus = p["mu_minus"]
        // The second trace of each side is unused: pair STDP needs one per side.
        preTraceTausMs = Traces(p["tau_plus"], p["tau_plus"])
        postTraceTausMs = Traces(p["tau_minus"], p["tau_minus"])
        nearestSpike = options.nearestSpike
        weightBounds = try p.weightBounds()
        inverseRange = 1 / (p["w_max"] - p["w_min"])
    }

    @inline(__always)
    public func onPresynapticArrival(_ synapse: inout SynapseState, pre: Traces, post: Traces) {
        if post.first == 0 { return }
        let x = (synapse.weight - weightBounds.lowerBound) * inverseRange
        synapse.weight = weightBounds.weight(x - depressionRatio * learningRate * Self.power(x, muMinus) * post.first)
    }

    @inline(__always)
    public func onPostsynapticSpike(_ synapse: inout SynapseState, pre: Traces, post: Traces) {
        if pre.first == 0 { return }
        let x = (synapse.weight - weightBounds.lowerBound) * inverseRange
        synapse.weight = weightBounds.weight(x + learningRate * Self.power(1 - x, muPlus) * pre.first)
    }

    /// x^μ, with the additive (μ = 0) and multiplicative (μ = 1) cases spared a call to pow.
    @inline(__always)
    static func power(_ x: Double, _ mu: Double) -> Double { mu == 0 ? 1 : mu == 1 ? x : pow(x, mu) }
}
