/// A PyNN standard cell type (`IF_curr_exp`, …): its parameter table in PyNN's names, units and defaults, and how
/// PyNN's NEST backend (pyNN/nest/standardmodels/cells.py) translates it to the NEST model that runs it.
public protocol PyNNCellType: Sendable {
    /// The NEST model PyNN's NEST backend runs the cell as.
    associatedtype Target: NeuronModel
    /// PyNN's name (`IF_curr_exp`).
    static var name: String { get }
    /// PyNN's parameters: names, units (nF, nA, ms, mV) and defaults.
    static var parameters: [ParameterSpec] { get }
    /// How each of `Target`'s parameters follows from the PyNN ones.
    static var translations: [PyNNTranslation] { get }
    /// PyNN's default initial values where they differ from `Target`'s, by `Target`'s state variable name.
    static var initialValues: [String: Double] { get }
    /// Refuses, naming PyNN's keys, values that `Target` would refuse in its own names (`v_reset` ≥ `v_thresh`).
    static func check(_ parameters: ParameterValues) throws
    /// `Target`'s per-neuron parameters that PyNN names and scales alike (Izhikevich's a, b, c, d), so a config may
    /// give them per neuron under PyNN's name.
    static var perNeuronParameters: [String] { get }
}

extension PyNNCellType {
    public static func check(_ parameters: ParameterValues) throws {}
    /// None.
    public static var perNeuronParameters: [String] { [] }
}

/// One of a NEST model's parameters as PyNN's NEST backend computes it from PyNN's: a PyNN parameter times a
/// unit factor (`C_m = 1000 cm`: nF to pF), or, for `iaf_cond_exp`'s `g_L`, a formula of several.
public struct PyNNTranslation: Sendable {
    /// The NEST parameter (`C_m`).
    public var nestKey: String
    /// The PyNN parameter errors about `nestKey` are reported under (`cm`).
    public var pynnKey: String
    /// Its value from PyNN's parameters.
    public var value: @Sendable (ParameterValues) -> Double

    /// `nestKey` = `scale` × `pynnKey`.
    public init(_ pynnKey: String, _ nestKey: String, scale: Double = 1) {
        self.init(nestKey, reportedAs: pynnKey) { scale * $0[pynnKey] }
    }

    /// `nestKey` computed from several PyNN parameters; errors about it are reported under `pynnKey`.
    public init(_ nestKey: String, reportedAs pynnKey: String, _ value: @escaping @Sendable (ParameterValues) -> Double) {
        self.nestKey = nestKey
        self.pynnKey = pynnKey
        self.value = value
    }
}

/// A PyNN standard cell, accepted under its PyNN name with PyNN's parameters and run as the NEST model PyNN's
/// NEST backend maps it to (`Cell.Target`), translated as that backend translates it. State variables, recorders
/// and synaptic weights keep the NEST model's names and units (`V_m`; weights in pA, nS or mV where PyNN gives nA,
/// µS or mV); the initial state is PyNN's.
public struct PyNNCell<Cell: PyNNCellType>: NeuronModel {
    public static var name: String { Cell.name }
    public static var summary: String { "PyNN's \(Cell.name): \(Cell.Target.name) with PyNN's parameter names, units and defaults" }
    public static var parameters: [ParameterSpec] { Cell.parameters }
    public static var stateVariables: [StateVariableSpec] { Cell.Target.stateVariables }
    public static var ports: InputPorts { Cell.Target.ports }
    public static var stimulusVariable: Int? { Cell.Target.stimulusVariable }
    public static var perNeuronParameters: [String] { Cell.perNeuronParameters }

    /// The NEST model with the translated parameters.
    public let target: Cell.Target

    public init(_ p: ParameterValues, dtMs: Double) throws {
        try Cell.check(p)
        let values = Dictionary(uniqueKeysWithValues: Cell.translations.map { ($0.nestKey, $0.value(p)) })
        target = try Self.reportingPyNNKeys {
            try Cell.Target(ParameterValues(values, specs: Cell.Target.parameters, path: p.path), dtMs: dtMs)
        }
    }

    /// Runs `body`, moving an error about a NEST parameter to the PyNN parameter it comes from.
    static func reportingPyNNKeys<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ConfigError {
            for t in Cell.translations where error.path.hasSuffix(".\(t.nestKey)") {
                throw ConfigError(path: String(error.path.dropLast(t.nestKey.count)) + t.pynnKey, problem: error.problem)
            }
            throw error
        }
    }

    public func defaultInitialValue(of variable: Int) -> Double {
        Cell.initialValues[Self.stateVariables[variable].name] ?? target.defaultInitialValue(of: variable)
    }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        target.update(state: state, refractory: refractory, count: count, range: range, input: input, fired: fired)
    }
}

/// The event-driven engine runs a cell whose NEST model it runs (`IF_curr_exp`).
extension PyNNCell: ExactlySolvable where Cell.Target: ExactlySolvable {
    public var refractoryMs: Double { target.refractoryMs }
    public func evolve(_ neuron: NeuronSlot, by h: Double) { target.evolve(neuron, by: h) }
    public func evolveRefractory(_ neuron: NeuronSlot, by h: Double) { target.evolveRefractory(neuron, by: h) }
    public func receive(_ neuron: NeuronSlot, weight w: Double, refractory: Bool) -> Bool {
        target.receive(neuron, weight: w, refractory: refractory)
    }
    public func timeToThreshold(_ neuron: NeuronSlot) -> Double? { target.timeToThreshold(neuron) }
    public func thresholdLowerBound(_ neuron: NeuronSlot) -> Double? { target.thresholdLowerBound(neuron) }
    public func reset(_ neuron: NeuronSlot) { target.reset(neuron) }
    public func checkExactSolution(paramsPath: String) throws {
        try Self.reportingPyNNKeys { try target.checkExactSolution(paramsPath: paramsPath) }
    }
}
