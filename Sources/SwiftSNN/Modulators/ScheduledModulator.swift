/// Piecewise constant in time: `values[i]` from step `steps[i]` on (steps ascending), `initial` before the first.
public struct ScheduledModulator: ModulatorDynamics {
    public var steps: [Int]
    public var values: [Double]
    public var initial: Double

    public init(steps: [Int], values: [Double], initial: Double) {
        self.steps = steps
        self.values = values
        self.initial = initial
    }

    public var kindName: String { "schedule" }

    public mutating func begin(step: Int, value: inout Double) {
        var low = 0, high = steps.count
        while low < high {
            let mid = (low + high) / 2
            if steps[mid] <= step { low = mid + 1 } else { high = mid }
        }
        value = low == 0 ? initial : values[low - 1]
    }
}
