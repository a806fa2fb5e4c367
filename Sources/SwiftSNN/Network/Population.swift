/// A population as the engine drives it: neurons of one model, or an input. The engine owns the loops; a
/// population supplies a stepper that advances any range of its neurons by one step.
public protocol Population: Sendable {
    /// The spec's name for it.
    var name: String { get }
    /// The number of neurons (or generator channels).
    var count: Int { get }
    /// Input planes of the population's ring buffer; nil for inputs, which receive nothing.
    var ports: InputPorts? { get }
    /// Whether the population emits spikes of its own (false for generators that feed each target directly).
    var emitsSpikes: Bool { get }
    /// Variables a state recorder may sample, in the order `value(ofVariable:neuron:)` takes.
    var variableNames: [String] { get }

    /// A stepper over this population's state. It holds raw pointers into the state, valid until the population
    /// is next copied and mutated, or destroyed; the engine makes one per run.
    mutating func makeStepper() -> any PopulationStepper

    /// State variable `variable` (an index into `variableNames`) of neuron `neuron`.
    func value(ofVariable variable: Int, neuron: Int) -> Double

    /// For generators that feed each target directly instead of emitting spikes: what their projections carry.
    func drive(grid: TimeGrid) -> GeneratorProjection.Drive?

    /// For inputs whose spikes are known before the run: every spike at its exact time, sorted by (time, id). The
    /// event engine sends them at those times; inputs with neither this nor a `drive` run in the clock engine only.
    var exactSpikeTrain: [(timeMs: Double, id: Int32)]? { get }

    /// The first state value that is NaN or infinite, as (variable, neuron), or nil when all are finite: the
    /// numerical guard (`NumericalError`).
    func firstNonFiniteValue() -> (variable: Int, neuron: Int)?

    /// Sets state variable `variable` of every neuron (one value per neuron), between runs.
    mutating func setValues(ofVariable variable: Int, to values: [Double]) throws
    /// Sets parameter `key` (a config key such as `I_e` or `rate`) for the whole population, between runs; it acts
    /// from the next step on. Throws `ConfigError` for an unknown key or a value out of range.
    mutating func setParameter(_ key: String, to value: Double, grid: TimeGrid) throws
    /// Sets parameter `key` to one value per neuron, between runs (a Bernoulli input's `p`, per trial).
    mutating func setParameter(_ key: String, perNeuron values: [Double]) throws
}

extension Population {
    public var emitsSpikes: Bool { true }
    public func drive(grid: TimeGrid) -> GeneratorProjection.Drive? { nil }
    /// None: spikes are made step by step.
    public var exactSpikeTrain: [(timeMs: Double, id: Int32)]? { nil }
    /// None: a population without state variables has nothing to check.
    public func firstNonFiniteValue() -> (variable: Int, neuron: Int)? { nil }

    public mutating func setValues(ofVariable variable: Int, to values: [Double]) throws {
        throw SNNError("population '\(name)' has no state variables to set")
    }

    public mutating func setParameter(_ key: String, to value: Double, grid: TimeGrid) throws {
        throw SNNError("population '\(name)' has no parameters that can change during a run")
    }

    /// Refused: parameters are one value for the whole population unless a population says otherwise.
    public mutating func setParameter(_ key: String, perNeuron values: [Double]) throws {
        throw SNNError("population '\(name)' takes no per-neuron values for \(key)")
    }
}

/// Advances ranges of one population's neurons by one step. Threads call `step` concurrently on disjoint
/// ranges, so an implementation touches only the state of neurons in `range`.
public protocol PopulationStepper: Sendable {
    /// Advances neurons `range` through step `step`. `input` is the population's ring slot for this step (nil
    /// for inputs), whose entries for `range` the stepper takes (reads and zeroes, see `StepInput`). Appends the
    /// indices of neurons that fire, ascending.
    func step(_ step: Int, range: Range<Int>, input: StepInput?, spikes: inout [Int32])
}

/// The stepper of populations that never spike and have no state (generators that feed targets directly).
struct SilentStepper: PopulationStepper {
    func step(_ step: Int, range: Range<Int>, input: StepInput?, spikes: inout [Int32]) {}
}
