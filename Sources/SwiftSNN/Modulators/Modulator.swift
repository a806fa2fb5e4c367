/// A named scalar signal that plasticity parameters follow (`ParameterBinding.modulator`): dopamine for reward-
/// modulated STDP, a reward or error schedule, an astrocyte's state set from Swift.
///
/// The value a step's plasticity sees is the one at the start of that step: schedules switch at their times,
/// a volume transmitter's spikes of step k count from step k + 1 on, and external values hold until the next
/// `Simulation.setModulator`. What moves the value is the modulator's `dynamics`; new kinds of modulator are new
/// `ModulatorDynamics` types.
public struct Modulator: Sendable {
    /// The spec's name for it.
    public let name: String
    /// What moves the value.
    public private(set) var dynamics: any ModulatorDynamics
    /// The value the current step sees.
    public internal(set) var value: Double

    /// A modulator starting at `initial`.
    public init(name: String, dynamics: any ModulatorDynamics, initial: Double) {
        self.name = name
        self.dynamics = dynamics
        value = initial
    }

    /// The value step `step` sees.
    mutating func begin(step: Int) { dynamics.begin(step: step, value: &value) }

    /// Takes the spikes each population emitted in a finished step, and the populations' state after it.
    mutating func observe(spikes: [[Int32]], populations: [any Population]) {
        dynamics.observe(spikes: spikes, value: &value)
        dynamics.observe(state: populations, value: &value)
    }
}

/// How a modulator's value evolves during a run. The calls are made serially, once per step, in this order:
/// `begin` at the start of step k; after it, `observe(spikes:)` with step k's spikes, then `observe(state:)` with
/// the populations' state after step k.
public protocol ModulatorDynamics: Sendable {
    /// What the modulator is, in errors (`volume transmitter`).
    var kindName: String { get }
    /// Whether code may set the value between runs (`Simulation.setModulator`).
    var isSettableFromCode: Bool { get }
    /// At the start of step `step`: set `value` to what the step sees (schedules switch here).
    mutating func begin(step: Int, value: inout Double)
    /// After the step: the spikes of each population in it (`spikes[p]`, neuron indices ascending).
    mutating func observe(spikes: [[Int32]], value: inout Double)
    /// After the step, after `observe(spikes:value:)`: the populations with their state after it.
    mutating func observe(state populations: [any Population], value: inout Double)
}

extension ModulatorDynamics {
    /// Not settable, unless a kind says so.
    public var isSettableFromCode: Bool { false }
    /// Nothing: the value moves only when the modulator observes.
    public mutating func begin(step: Int, value: inout Double) {}
    /// Nothing: spikes do not move the value.
    public mutating func observe(spikes: [[Int32]], value: inout Double) {}
    /// Nothing: state does not move the value.
    public mutating func observe(state populations: [any Population], value: inout Double) {}
}
