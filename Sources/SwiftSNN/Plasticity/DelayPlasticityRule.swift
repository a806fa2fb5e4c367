/// A rule that moves synaptic delays during a run, beside (or without) the projection's weight rule: the math of
/// one pair, with the engine owning the pairing, the storage and the timing (`LearnedDelays`).
///
/// The engine pairs every arrival of a spike at a synapse, at t_arr = t_pre + d with the delay d the spike left
/// with, with every postsynaptic spike of the synapse's target at t_post with |t_post − t_arr| < `windowMs`, once
/// per pair, at whichever of the two comes second; the rule then gives the synapse's new delay, which later spikes
/// leave with. Delays stay in `delayBoundsMs`. The clock engine keeps d real-valued and transmits it rounded to
/// whole steps, so there t_arr is the rounded arrival; the event engine's arrivals are exact.
///
/// A supervised rule (`usesTeacher`) also pairs each arrival with the spikes of a teacher population, one teacher
/// neuron per target neuron (`DelayPlasticitySpec.teacher`), the same way: the desired output spikes.
public protocol DelayPlasticityRule: Sendable {
    /// The config name (`"delay_plasticity": {"rule": "delay_shift"}`).
    static var name: String { get }
    /// One line on the rule, in `snn models`.
    static var summary: String { get }
    /// The parameter table: keys, units, defaults, ranges.
    static var parameters: [ParameterSpec] { get }
    /// Whether the rule needs a teacher population (default: no).
    static var usesTeacher: Bool { get }

    /// The rule with the given parameters (checked against `parameters`).
    init(_ parameters: ParameterValues) throws

    /// Arrivals and postsynaptic spikes less than this apart pair [ms].
    var windowMs: Double { get }
    /// The range delays are kept in [ms].
    var delayBoundsMs: ClosedRange<Double> { get }

    /// The delay after one pair, before clamping to `delayBoundsMs`: `delayMs` now, `lagMs` = t_post − t_arr.
    func delay(_ delayMs: Double, afterLagMs lagMs: Double) -> Double
    /// The delay after a pair with a teacher spike, `lagMs` = t_teacher − t_arr (default: unchanged).
    func delay(_ delayMs: Double, afterTeacherLagMs lagMs: Double) -> Double
}

extension DelayPlasticityRule {
    public static var usesTeacher: Bool { false }
    public func delay(_ delayMs: Double, afterTeacherLagMs lagMs: Double) -> Double { delayMs }
}
