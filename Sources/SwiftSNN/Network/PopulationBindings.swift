/// The parameters of one neuron population that follow modulators or schedules during a run
/// (`"params": {"I_e": {"modulator": "astro", "scale": 50}}`). At the start of each step the engine gives each
/// bound parameter its value for that step; when one changes, the population's model is built anew from its
/// parameters (`Population.setParameter`), so propagators derived from it follow, and the step is simulated
/// with the new model. Values are range-checked like a config's: a modulator that drives `tau_m` to 0 stops the
/// run with an error naming the population, the parameter and the time.
public struct PopulationBindings: Sendable {
    /// The population's index in `Network.populations`.
    public let population: Int
    let bindings: [BoundParameter]
    /// The value each binding last gave its parameter.
    private var current: [Double]

    init(population: Int, bindings: [BoundParameter], initial: [Double]) {
        self.population = population
        self.bindings = bindings
        current = initial
    }

    /// The keys of the bound parameters.
    public var keys: [String] { bindings.map(\.key) }

    /// Sets the parameters whose value for step `step` differs from the last one; returns whether any did.
    mutating func apply(step: Int, modulators: [Modulator], to population: inout any Population, grid: TimeGrid) throws -> Bool {
        var changed = false
        for (b, binding) in bindings.enumerated() {
            let value = binding.value(step: step, modulators: modulators)
            guard value != current[b] else { continue }
            do {
                try population.setParameter(binding.key, to: value, grid: grid)
            } catch {
                throw SNNError("\(binding.key) of '\(population.name)' at \(formatNumber(Double(step) * grid.dtMs)) ms, following \(binding.binding.source): \(error)")
            }
            current[b] = value
            changed = true
        }
        return changed
    }
}
