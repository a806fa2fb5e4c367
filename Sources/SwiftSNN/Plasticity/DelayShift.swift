/// `delay_shift`: delay adaptation that moves each arrival toward the postsynaptic spikes near it (Hüning, Glünder
/// & Palm 1998, "Synaptic delay learning in pulse-coupled neurons"; Eurich, Pawelzik, Ernst, Cowan & Milton 1999,
/// "Dynamics of self-organized delay adaptation"):
///
///     for each arrival t_arr = t_pre + d and postsynaptic spike t_post with |t_post − t_arr| < window_ms:
///         d ← clamp(d + eta·(t_post − t_arr), d_min_ms, d_max_ms)        [ms]
///
/// With one pair per repetition at a fixed offset Δ = t_post − t_pre, d converges geometrically to Δ:
/// d_n = Δ + (d_0 − Δ)(1 − eta)^n (checked by DelayShiftTests against this closed form).
public struct DelayShift: DelayPlasticityRule {
    public static let name = "delay_shift"
    /// One line on the rule, in `snn models`.
    public static let summary = "delay adaptation: each arrival moves toward nearby postsynaptic spikes (Hüning et al. 1998)"
    /// The parameter table: keys, units, defaults, ranges.
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("eta", unit: "1", default: 0.1, .nonNegative, "Fraction of the arrival-to-spike lag removed per pair"),
        ParameterSpec("window_ms", unit: "ms", default: 20, .positive, "Pairs closer than this move the delay"),
        ParameterSpec("d_min_ms", unit: "ms", default: 1, .positive, "Shortest delay"),
        ParameterSpec("d_max_ms", unit: "ms", default: 20, .positive, "Longest delay"),
    ]

    /// `eta`.
    public var learningRate: Double
    public var windowMs: Double
    public var delayBoundsMs: ClosedRange<Double>

    /// The rule with the given parameters, checked against `parameters`.
    public init(_ p: ParameterValues) throws {
        try p.require("d_min_ms", below: "d_max_ms")
        learningRate = p["eta"]
        windowMs = p["window_ms"]
        delayBoundsMs = p["d_min_ms"]...p["d_max_ms"]
    }

    @inline(__always)
    public func delay(_ delayMs: Double, afterLagMs lagMs: Double) -> Double { delayMs + learningRate * lagMs }
}
