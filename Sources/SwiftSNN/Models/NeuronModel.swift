/// A neuron model: parameters and derived constants (a value type), plus the math of one clock step over a range
/// of neurons whose state is stored as structure of arrays. The engine owns the loops and the memory; the model
/// supplies the integration, so a model costs one dynamic call per population per step, none per neuron.
public protocol NeuronModel: Sendable {
    /// The config name, spelled as in NEST (`iaf_psc_exp`).
    static var name: String { get }
    /// One line on what the model is, in `snn models`.
    static var summary: String { get }
    /// The parameter table: config keys, units, NEST defaults, ranges.
    static var parameters: [ParameterSpec] { get }
    /// State variables; each can be initialised per neuron from the config and recorded. The first is `V_m`.
    static var stateVariables: [StateVariableSpec] { get }
    /// The input planes of the model's ring buffer and which plane each kind of input goes to.
    static var ports: InputPorts { get }
    /// The state variable that holds the generator current of the next step (`I_stim`, pA), if the model has one.
    /// It stays 0 in populations that no current generator reaches, and their steps skip it (see `StepInput`).
    static var stimulusVariable: Int? { get }
    /// Parameters the model keeps one value of per neuron, each stored as the state variable of the same name,
    /// which the step reads: a config may give them per neuron (`{"uniform": …}`, an array, a file, an expression
    /// of r), and they are recorded, set and checkpointed as state. The model is built with one value for each
    /// (the config's number, or the default) and returns it as their `defaultInitialValue`.
    static var perNeuronParameters: [String] { get }

    /// Checks nothing (the values were checked against `parameters`) and derives the step propagators for `dtMs`.
    init(_ parameters: ParameterValues, dtMs: Double) throws

    /// The value a state variable starts at when the config gives none (NEST's defaults, e.g. `V_m = E_L`).
    func defaultInitialValue(of variable: Int) -> Double

    /// Advances neurons `range` by one step. `state` holds variable `v` of neuron `i` at `v * count + i`;
    /// `input` holds what arrives in this step, which the model takes (reads and zeroes, see `StepInput`).
    /// Writes the indices of the neurons that fire to `fired` (room for `range.count`), ascending, and returns
    /// how many fired.
    func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int
}

extension NeuronModel {
    public static var stimulusVariable: Int? { nil }
    /// None: every parameter has one value for the whole population.
    public static var perNeuronParameters: [String] { [] }
}

/// A state variable of a model: its name in configs and recorders (NEST spelling) and unit.
public struct StateVariableSpec: Sendable, Equatable {
    /// The variable's config and recorder name (`V_m`).
    public var name: String
    /// Its unit (`mV`).
    public var unit: String
    /// What it is, in `snn models`.
    public var summary: String

    /// A state variable `name` in `unit`.
    public init(_ name: String, unit: String, _ summary: String) {
        self.name = name
        self.unit = unit
        self.summary = summary
    }
}

/// Where inputs go in a model's ring buffer: spikes with weight ≥ 0 to `excitatory`, < 0 to `inhibitory` (the
/// same plane for models with one synaptic port), currents (pA) from current generators to `current`.
public struct InputPorts: Sendable, Equatable {
    /// Planes per neuron in the ring buffer.
    public var planes: Int
    /// The plane of spikes with weight ≥ 0.
    public var excitatory: Int
    /// The plane of spikes with weight < 0.
    public var inhibitory: Int
    /// The plane of generator currents (pA).
    public var current: Int
    /// False for models to which a negative weight means nothing (an astrocyte's IP3 only rises with input):
    /// the network builder then refuses projections with negative weights.
    public var acceptsNegativeWeights: Bool

    /// Planes and where each kind of input goes.
    public init(planes: Int, excitatory: Int, inhibitory: Int, current: Int, acceptsNegativeWeights: Bool = true) {
        self.planes = planes
        self.excitatory = excitatory
        self.inhibitory = inhibitory
        self.current = current
        self.acceptsNegativeWeights = acceptsNegativeWeights
    }
}
