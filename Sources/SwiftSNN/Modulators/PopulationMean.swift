/// The mean of one state variable over a population after each step (the mean calcium of a population of
/// astrocytes, so that calcium astrocytes can gate plasticity or drive neuron parameters like any modulator).
public struct PopulationMean: ModulatorDynamics {
    /// The population's index in `Network.populations`.
    public var population: Int
    /// The variable's index in the population's `variableNames`.
    public var variable: Int

    /// The mean of `variable` over `population`.
    public init(population: Int, variable: Int) {
        self.population = population
        self.variable = variable
    }

    public var kindName: String { "population mean" }

    /// The mean after the step.
    public mutating func observe(state populations: [any Population], value: inout Double) {
        value = Self.mean(of: variable, in: populations[population])
    }

    /// The mean of `variable` over the neurons of `population`, summed in neuron order.
    static func mean(of variable: Int, in population: any Population) -> Double {
        var sum = 0.0
        for i in 0..<population.count { sum += population.value(ofVariable: variable, neuron: i) }
        return sum / Double(population.count)
    }
}
