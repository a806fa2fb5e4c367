/// `dc_generator`: a constant current of `amplitude` pA (times the synapse weight) into each target while the
/// generator is active, steps k with start < k·dt ≤ stop (NEST's activity window). The current arrives after the
/// synapse delay and, as in NEST, acts on the membrane from the step after it arrives.
public struct DCGenerator: Population {
    public static let name = "dc_generator"
    public static let parameters = [
        ParameterSpec("amplitude", unit: "pA", default: 0, "Current amplitude"),
        ParameterSpec("start", unit: "ms", default: 0, .nonNegative, "Activation time (exclusive)"),
        ParameterSpec("stop", unit: "ms", default: .greatestFiniteMagnitude, .nonNegative, "Deactivation time (inclusive)"),
    ]

    public var name: String
    public var count: Int
    public var amplitudePA: Double
    public var startStep: Int
    public var stopStep: Int

    public init(name: String, count: Int, parameters: ParameterValues, grid: TimeGrid) {
        self.name = name
        self.count = count
        amplitudePA = parameters["amplitude"]
        startStep = grid.steps(parameters["start"])
        let stop = parameters["stop"]
        stopStep = stop >= Double(Int.max / 2) * grid.dtMs ? Int.max : grid.steps(stop)
    }

    @inline(__always)
    public func isActive(step: Int) -> Bool { startStep < step && step <= stopStep }

    public var ports: InputPorts? { nil }
    public var emitsSpikes: Bool { false }
    public var variableNames: [String] { [] }
    public mutating func makeStepper() -> any PopulationStepper { SilentStepper() }
    public func value(ofVariable variable: Int, neuron: Int) -> Double { 0 }
}
