/// A state variable became NaN or infinite during a run (an overflow, or parameters such as τ_m = 1e-300 that
/// no integration survives). Both engines scan every neuron's state every `ClockDrivenEngine.numericalGuardMs`
/// (10 ms) of simulated time and at the end of each run, so a run stops within 10 ms of the step the value
/// appeared in (the event engine sees each neuron as of its last event); what the recorders hold up to then is
/// kept.
public struct NumericalError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The population's name.
    public var population: String
    /// The state variable (`V_m`).
    public var variable: String
    /// The neuron's index in its population.
    public var neuron: Int
    /// The value found (NaN, inf or −inf).
    public var value: Double
    /// The simulated time at which it was found [ms].
    public var timeMs: Double

    /// The error for `variable` of neuron `neuron` of `population`, found at `timeMs`.
    public init(population: String, variable: String, neuron: Int, value: Double, timeMs: Double) {
        self.population = population
        self.variable = variable
        self.neuron = neuron
        self.value = value
        self.timeMs = timeMs
    }

    /// One line for the user.
    public var description: String {
        "\(variable) of '\(population)'[\(neuron)] became \(formatNumber(value)) by t = \(formatNumber(timeMs)) ms; the run stopped there"
    }
}
