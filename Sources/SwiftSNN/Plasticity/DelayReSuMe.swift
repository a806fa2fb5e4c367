/// `delay_resume`: supervised delay learning in the manner of ReSuMe (Ponulak & Kasiński 2010), applied to delays
/// as in DL-ReSuMe (Taherkhani, Belatreche, Li & Maguire 2015): each arrival moves toward the desired output spikes
/// of a teacher and away from the actual ones, so learning stops where the output fires at the teacher's times.
///
///     teacher spike t_d, |t_d − t_arr| < window_ms:     d ← clamp(d + eta·(t_d − t_arr), d_min_ms, d_max_ms)
///     output spike t_post, |t_post − t_arr| < window_ms: d ← clamp(d − eta·(t_post − t_arr), d_min_ms, d_max_ms)   [ms]
///
/// With one teacher spike per repetition at a fixed offset Δ after the presynaptic spike and an output that fires at
/// the arrival, d converges geometrically to Δ: d_n = Δ + (d_0 − Δ)(1 − eta)^n (checked by DelayReSuMeTests).
public struct DelayReSuMe: DelayPlasticityRule {
    public static let name = "delay_resume"
    /// One line on the rule, in `snn models`.
    public static let summary = "supervised delay learning: arrivals move toward a teacher's spikes, away from the output's (DL-ReSuMe)"
    /// The parameter table: keys, units, defaults, ranges (as `delay_shift`'s).
    public static let parameters = DelayShift.parameters
    public static let usesTeacher = true

    /// `eta`.
    public var learningRate: Double
    public var windowMs: Double
    public var delayBoundsMs: ClosedRange<Double>

    /// The rule with the given parameters, checked against `parameters`.
    public init(_ p: ParameterValues) throws {
        let shift = try DelayShift(p)
        learningRate = shift.learningRate
        windowMs = shift.windowMs
        delayBoundsMs = shift.delayBoundsMs
    }

    @inline(__always)
    public func delay(_ delayMs: Double, afterLagMs lagMs: Double) -> Double { delayMs - learningRate * lagMs }

    @inline(__always)
    public func delay(_ delayMs: Double, afterTeacherLagMs lagMs: Double) -> Double { delayMs + learningRate * lagMs }
}
