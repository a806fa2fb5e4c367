import Foundation

/// A number that is constant or changes by a factor at fixed intervals, as NALSM's astrocyte weight and bias
/// shrink ×0.99 every millisecond:
///
///     "bias": 0.15
///     "bias": {"initial": 0.15, "factor": 0.99, "every_ms": 1}   // 0.15 × 0.99^⌊t / 1 ms⌋
public enum ScheduledNumber: Sendable, Equatable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// The same value throughout.
    case constant(Double)
    /// `initial`·`factor`^⌊t / `everyMs`⌋ (`everyMs` default 1 ms), the same law as `ParameterBinding.schedule`.
    case geometric(initial: Double, factor: Double, everyMs: Double?)

    public init(floatLiteral value: Double) { self = .constant(value) }
    public init(integerLiteral value: Int) { self = .constant(Double(value)) }

    /// The value at t = 0.
    public var initial: Double {
        switch self {
        case .constant(let x): return x
        case .geometric(let initial, _, _): return initial
        }
    }

    /// The law on the grid: the value at step k.
    func lowered(grid: TimeGrid) -> SteppedSchedule {
        switch self {
        case .constant(let x): return SteppedSchedule(initial: x, factor: 1, stepsPerUpdate: 1)
        case let .geometric(initial, factor, everyMs):
            return SteppedSchedule(initial: initial, factor: factor, stepsPerUpdate: max(1, grid.steps(everyMs ?? 1)))
        }
    }
}

/// `initial`·`factor`^⌊step / `stepsPerUpdate`⌋.
struct SteppedSchedule: Sendable {
    let initial: Double
    let factor: Double
    let stepsPerUpdate: Int

    func value(step: Int) -> Double {
        initial * pow(factor, Double(step / stepsPerUpdate))
    }
}
