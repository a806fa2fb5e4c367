import Foundation

/// Something that watches a run and writes one output file `<name>.npy`.
public protocol Recorder: Sendable {
    /// The recorder's name; its files are named after it.
    var name: String { get }
    /// Called after every step with the spikes each population emitted in it (indexed like
    /// `Network.populations`), in ascending neuron order.
    mutating func observe(step: Int, spikes: [[Int32]], populations: [any Population])
    /// Whether `observe` reads the populations' state after step `step`, not only the spikes it is passed. The
    /// clock engine's threads run through the steps in between without stopping (the populations then already
    /// hold a later state when those steps are observed). By default: after every step.
    func readsState(afterStep step: Int) -> Bool
    /// The bytes of `<name>.npy`.
    func output(grid: TimeGrid) -> Data
    /// Every file the recorder writes, by file name; by default just `<name>.npy`.
    func files(grid: TimeGrid) -> [(name: String, data: Data)]
}

extension Recorder {
    public func readsState(afterStep step: Int) -> Bool { true }
    public func files(grid: TimeGrid) -> [(name: String, data: Data)] { [("\(name).npy", output(grid: grid))] }
}

extension RecorderSpec {
    /// The recorder this spec describes, checked against the built network; `path` is its place in the spec.
    func makeRecorder(for network: Network, path: String, types: RecorderRegistry = .builtIn) throws -> any Recorder {
        // A whole number of steps, at least one and at most `TimeGrid.maxSteps` (`NetworkSpec.check()`).
        func intervalSteps(_ intervalMs: Double?) -> Int { network.grid.steps(intervalMs ?? RecorderSpec.defaultIntervalMs) }
        func population(_ name: String) throws -> Int { try network.populationIndex(named: name, path: "\(path).population") }
        func checked(_ neurons: [Int]?, of p: Int) throws -> [Int]? {
            let pop = network.populations[p]
            for (i, n) in (neurons ?? []).enumerated() where n < 0 || n >= pop.count {
                throw ConfigError(path: "\(path).neurons[\(i)]", problem: "index \(n) out of range for population '\(pop.name)' of \(pop.count)")
            }
            return neurons
        }
        switch kind {
        case let .custom(type, params):
            guard let recorderType = types.type(named: type) else {
                throw ConfigError(path: "\(path).type", problem: unknownName("recorder type", type, known: types.allNames))
            }
            return try recorderType.make(name: name, params: params, network: network, path: path)
        case let .weights(projection, intervalMs):
            guard let plastic = network.plasticProjections.firstIndex(where: { $0.projectionIndex == projection }) else {
                throw ConfigError(path: "\(path).projection", problem: projection < network.projectionCount
                    ? "projection \(projection) has no plasticity, so its weights never change"
                    : "index \(projection) out of range for \(network.projectionCount) projections")
            }
            return WeightRecorder(name: name, plastic: plastic, synapses: network.plasticProjections[plastic].synapses,
                                  channels: network.plasticProjections[plastic].channels,
                                  intervalSteps: intervalSteps(intervalMs))
        case let .delays(projection, intervalMs):
            guard let plastic = network.plasticProjections.firstIndex(where: { $0.projectionIndex == projection && $0.learnedDelays != nil }) else {
                throw ConfigError(path: "\(path).projection", problem: projection < network.projectionCount
                    ? "projection \(projection)'s delays change only with delay_plasticity or max_delay_ms"
                    : "index \(projection) out of range for \(network.projectionCount) projections")
            }
            return WeightRecorder(name: name, plastic: plastic, synapses: network.plasticProjections[plastic].synapses,
                                  channels: network.plasticProjections[plastic].channels,
                                  intervalSteps: intervalSteps(intervalMs), quantity: .delays)
        case let .modulators(variables, intervalMs):
            let known = network.modulators.map(\.name)
            guard !known.isEmpty else {
                throw ConfigError(path: "\(path).type", problem: "the config has no modulators to record")
            }
            let indices = try (variables ?? []).isEmpty ? Array(known.indices) : variables!.enumerated().map { i, v in
                guard let index = known.firstIndex(of: v) else {
                    throw ConfigError(path: "\(path).variables[\(i)]", problem: unknownName("modulator", v, known: known))
                }
                return index
            }
            return ModulatorRecorder(name: name, modulators: indices, intervalSteps: intervalSteps(intervalMs))
        case let .spikes(populationName, neurons):
            let p = try population(populationName)
            let pop = network.populations[p]
            let neurons = try checked(neurons, of: p)
            guard pop.emitsSpikes else {
                throw ConfigError(path: "\(path).population", problem: "'\(populationName)' is a generator that feeds each target directly and has no spikes of its own to record")
            }
            return SpikeRecorder(name: name, population: p, count: pop.count, neurons: neurons)
        case let .state(populationName, variables, neurons, intervalMs):
            let p = try population(populationName)
            let pop = network.populations[p]
            let neurons = try checked(neurons, of: p)
            let variableIndices = try variables.enumerated().map { i, v in
                guard let index = pop.variableNames.firstIndex(of: v) else {
                    throw ConfigError(path: "\(path).variables[\(i)]", problem: pop.variableNames.isEmpty
                        ? "population '\(populationName)' has no state variables"
                        : "unknown variable '\(v)'; known: \(pop.variableNames.joined(separator: ", "))")
                }
                return index
            }
            return StateRecorder(name: name, population: p, variables: variableIndices,
                                 neurons: neurons ?? Array(0..<pop.count), intervalSteps: intervalSteps(intervalMs))
        }
    }
}
