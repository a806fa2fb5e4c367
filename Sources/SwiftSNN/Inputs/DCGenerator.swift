/// `dc_generator`: a constant current of `amplitude` pA (times the synapse weight) into each target. Through a
/// delay d it drives the target's membrane over exactly (start + d, stop + d], as in NEST 3 (checked against NEST
/// 3.10 with iaf_psc_exp, start 5 ms, stop 15 ms, delays 0.1, 1.5 and 3 ms): the generator sends its current in
/// the steps k with start < (k + 2)·dt ≤ stop (NEST's `StimulationDevice::is_active` shifts current generators
/// by two steps), the current arrives in step k + d and, as in NEST, acts on the membrane from the next step,
/// which ends at (k + d + 2)·dt. A window that opens at 0 loses its first step, as in NEST.
public struct DCGenerator: Population, Equatable {
    /// The model name a spec uses.
    public static let name = "dc_generator"
    /// The parameter table: `amplitude`, `start`, `stop`.
    public static let parameters = [
        ParameterSpec("amplitude", unit: "pA", default: 0, "Current amplitude"),
        ParameterSpec("start", unit: "ms", default: 0, .nonNegative, "Activation time (exclusive)"),
        ParameterSpec("stop", unit: "ms", default: .greatestFiniteMagnitude, .nonNegative, "Deactivation time (inclusive)"),
    ]

    public var name: String
    public var count: Int
    /// `amplitude` [pA].
    public var amplitudePA: Double
    /// The first step with current.
    public var startStep: Int
    /// The first step without current again.
    public var stopStep: Int
    /// `start` and `stop` as given, for the event-driven engine, which switches the current at start + d and
    /// stop + d exactly.
    public var startMs: Double
    /// `stop` [ms]; infinity when not given.
    public var stopMs: Double

    /// A generator of `count` channels with the parameters of its table.
    public init(name: String, count: Int, parameters: ParameterValues, grid: TimeGrid) {
        self.name = name
        self.count = count
        amplitudePA = parameters["amplitude"]
        startMs = parameters["start"]
        stopMs = parameters["stop"]
        startStep = Self.step(of: startMs, grid: grid)
        stopStep = Self.step(of: stopMs, grid: grid)
    }

    /// A time's step; past any run's reach (the default `stop`), the last step there is.
    private static func step(of ms: Double, grid: TimeGrid) -> Int {
        grid.fractionalSteps(ms) >= Double(Int.max / 2) ? Int.max : grid.steps(ms)
    }

    public mutating func setParameter(_ key: String, to value: Double, grid: TimeGrid) throws {
        let current = try ParameterValues(["amplitude": amplitudePA, "start": startMs, "stop": stopMs],
                                          specs: Self.parameters, path: "params")
        self = DCGenerator(name: name, count: count, parameters: try current.setting(key, to: value, specs: Self.parameters),
                           grid: grid)
    }

    public func drive(grid: TimeGrid) -> GeneratorProjection.Drive? { .current(self) }

    /// Whether the generator sends its current in step `step`.
    @inline(__always)
    public func isActive(step: Int) -> Bool { startStep < step + 2 && step + 2 <= stopStep }

    public var ports: InputPorts? { nil }
    public var emitsSpikes: Bool { false }
    public var variableNames: [String] { [] }
    public mutating func makeStepper() -> any PopulationStepper { SilentStepper() }
    public func value(ofVariable variable: Int, neuron: Int) -> Double { 0 }
}
