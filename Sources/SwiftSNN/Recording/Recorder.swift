import Foundation

/// Something that watches a run and writes one output file `<name>.npy`.
public protocol Recorder: Sendable {
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

extension NetworkConfig.Recorder {
    /// The recorder this config entry describes, checked against the built network.
    func makeRecorder(for network: Network) throws -> any Recorder {
        if kind == .weights {
            guard let plastic = network.plasticProjections.firstIndex(where: { $0.projectionIndex == projection }) else {
                throw ConfigError(path: "\(path).projection", problem: projection < network.projectionCount
                    ? "projection \(projection) has no plasticity, so its weights never change"
                    : "index \(projection) out of range for \(network.projectionCount) projections")
            }
            return WeightRecorder(name: name, plastic: plastic, synapses: network.plasticProjections[plastic].synapses,
                                  channels: network.plasticProjections[plastic].channels,
                                  intervalSteps: try intervalSteps(network.grid))
        }
        if kind == .modulators {
            let known = network.modulators.map(\.name)
            guard !known.isEmpty else {
                throw ConfigError(path: "\(path).type", problem: "the config has no modulators to record")
            }
            let indices = try variables.isEmpty ? Array(known.indices) : variables.enumerated().map { i, v in
                guard let index = known.firstIndex(of: v) else {
                    throw ConfigError(path: "\(path).variables[\(i)]", problem: "unknown modulator '\(v)'; known: \(known.joined(separator: ", "))")
                }
                return index
            }
            return ModulatorRecorder(name: name, modulators: indices, intervalSteps: try intervalSteps(network.grid))
        }
        guard let p = network.populationIndex(named: population) else {
            throw ConfigError(path: "\(path).population",
                              problem: "unknown population '\(population)'; known: \(network.populations.map(\.name).joined(separator: ", "))")
        }
        let pop = network.populations[p]
        if let neurons {
            for (i, n) in neurons.enumerated() where n < 0 || n >= pop.count {
                throw ConfigError(path: "\(path).neurons[\(i)]", problem: "index \(n) out of range for population '\(population)' of \(pop.count)")
            }
        }
        switch kind {
        case .spikes:
            guard pop.emitsSpikes else {
                throw ConfigError(path: "\(path).population", problem: "'\(population)' is a generator that feeds each target directly and has no spikes of its own to record")
            }
            return SpikeRecorder(name: name, population: p, count: pop.count, neurons: neurons)
        case .weights, .modulators:
            preconditionFailure("handled above")
        case .state:
            let variableIndices = try variables.enumerated().map { i, v in
                guard let index = pop.variableNames.firstIndex(of: v) else {
                    throw ConfigError(path: "\(path).variables[\(i)]", problem: pop.variableNames.isEmpty
                        ? "population '\(population)' has no state variables"
                        : "unknown variable '\(v)'; known: \(pop.variableNames.joined(separator: ", "))")
                }
                return index
            }
            return StateRecorder(name: name, population: p, variables: variableIndices,
                                 neurons: neurons ?? Array(0..<pop.count), intervalSteps: try intervalSteps(network.grid))
        }
    }

    /// `interval_ms` in steps; it must be a whole number of them.
    private func intervalSteps(_ grid: TimeGrid) throws -> Int {
        guard grid.isMultiple(intervalMs) else {
            throw ConfigError(path: "\(path).interval_ms", problem: "must be a multiple of dt (\(formatNumber(grid.dtMs)) ms), got \(formatNumber(intervalMs))")
        }
        return grid.steps(intervalMs)
    }
}
