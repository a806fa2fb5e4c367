import Foundation

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

    /// The most steps a time or duration in a spec may span: 2³¹ − 1, 59.6 hours of simulated time at dt = 0.1 ms.
    /// Step counts then fit the kernels' 32-bit counters (refractory steps, windows), and a run's step counter
    /// stays far from overflow.
    public static let maxSteps = Int(Int32.max)

    /// A duration in whole steps, rounded to the nearest step, halves away from zero (NEST `ld_round`).
    /// The duration must be finite and its step count representable: times from a spec go through
    /// `checkedSteps(_:path:)` first.
    public func steps(_ ms: Double) -> Int { Int(fractionalSteps(ms).rounded()) }

    /// `steps(ms)` for a time given by the user, or a `ConfigError` at `path` when it is not finite or spans more
    /// than `maxSteps` steps.
    public func checkedSteps(_ ms: Double, path: String) throws -> Int {
        let steps = fractionalSteps(ms).rounded()
        guard steps.magnitude <= Double(Self.maxSteps) else {
            throw ConfigError(path: path, problem: "must be at most \(Self.maxSteps) steps of dt \(formatNumber(dtMs)) ms (\(String(format: "%.3g", Double(Self.maxSteps) * dtMs)) ms), got \(formatNumber(ms))")
        }
        return Int(steps)
    }

    /// Whether `ms` is a whole number of steps, up to rounding of the decimal inputs.
    public func isMultiple(_ ms: Double) -> Bool {
        abs(fractionalSteps(ms) - fractionalSteps(ms).rounded()) < 1e-6
    }

    /// Time stamp of a spike emitted in step `step`.
    public func spikeTime(step: Int) -> Double { Double(step + 1) * dtMs }
}
