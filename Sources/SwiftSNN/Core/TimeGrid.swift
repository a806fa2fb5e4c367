/// The clock engine's time grid: step `k` integrates from `k·dt` to `(k+1)·dt`, and a spike emitted in step `k`
/// carries the time stamp `(k+1)·dt` (NEST's convention: a spike is stamped at the end of the step that produced it).
public struct TimeGrid: Sendable, Equatable {
    /// The time step [ms].
    public var dtMs: Double

    /// A grid of step `dtMs`.
    public init(dtMs: Double) { self.dtMs = dtMs }

    /// A duration in steps, not yet rounded: milliseconds times steps per millisecond, as NEST converts delays,
    /// so that 0.15 ms at dt = 0.1 ms is 1.5 steps (dividing by dt would give 1.4999…).
    public func fractionalSteps(_ ms: Double) -> Double { ms * (1 / dtMs) }

    /// A duration in whole steps, rounded to the nearest step, halves away from zero (NEST `ld_round`).
    /// The duration must be finite and its step count representable.
    public func steps(_ ms: Double) -> Int { Int(fractionalSteps(ms).rounded()) }

    /// Whether `ms` is a whole number of steps, up to rounding of the decimal inputs.
    public func isMultiple(_ ms: Double) -> Bool {
        abs(fractionalSteps(ms) - fractionalSteps(ms).rounded()) < 1e-6
    }

    /// Time stamp of a spike emitted in step `step`.
    public func spikeTime(step: Int) -> Double { Double(step + 1) * dtMs }
}
