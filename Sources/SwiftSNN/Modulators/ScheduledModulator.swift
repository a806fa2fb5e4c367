/// Piecewise constant in time: `values[i]` from step `steps[i]` on (steps ascending), `initial` before the first.
public struct ScheduledModulator: ModulatorDynamics {
    /// The steps the value switches at, ascending.
    public var steps: [Int]
    /// The value from each of `steps` on.
    public var values: [Double]
    /// The value before the first switch.
    public var initial: Double

    /// A schedule on the grid.
    public init(steps: [Int], values: [Double], initial: Double) {
        self.steps = steps
        self.values = values
        self.initial = initial
    }

    public var kindName: String { "schedule" }

    /// The value in force at `step` (binary search of `steps`).
    public mutating func begin(step: Int, value: inout Double) {
        var low = 0, high = steps.count
        while low < high {
            let mid = (low + high) / 2
            if steps[mid] <= step { low = mid + 1 } else { high = mid }
        }
        value = low == 0 ? initial : values[low - 1]
    }
}
