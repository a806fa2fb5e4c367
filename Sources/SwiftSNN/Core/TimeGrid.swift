/// The clock engine's time grid: step `k` integrates from `k·dt` to `(k+1)·dt`, and a spike emitted in step `k`
/// carries the time stamp `(k+1)·dt` (NEST's convention: a spike is stamped at the end of the step that produced it).
public struct TimeGrid: Sendable, Equatable {
    public var dtMs: Double

    public init(dtMs: Double) { self.dtMs = dtMs }

    /// Whole steps in a duration, rounded to the nearest step (delays and intervals are multiples of dt).
    public func steps(_ ms: Double) -> Int { Int((ms / dtMs).rounded()) }

    /// Whether `ms` is a whole number of steps, up to rounding of the decimal inputs.
    public func isMultiple(_ ms: Double) -> Bool {
        abs(ms / dtMs - (ms / dtMs).rounded()) < 1e-6
    }

    /// Time stamp of a spike emitted in step `step`.
    public func spikeTime(step: Int) -> Double { Double(step + 1) * dtMs }
}
