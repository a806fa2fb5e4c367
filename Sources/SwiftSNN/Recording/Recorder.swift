import Foundation

/// Something that watches a run and writes one output file `<name>.npy`.
public protocol Recorder: Sendable {
    var name: String { get }
    /// Called after every step with the spikes each population emitted in it (indexed like
    /// `Network.populations`), in ascending neuron order.
    mutating func observe(step: Int, spikes: [[Int32]], populations: [any Population])
    /// The file's bytes.
    func output(grid: TimeGrid) -> Data
}

extension NetworkConfig.Recorder {
    /// The recorder this config entry describes, checked against the built network.
    func makeRecorder(for network: Network) throws -> any Recorder {
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
        case .state:
            let variableIndices = try variables.enumerated().map { i, v in
                guard let index = pop.variableNames.firstIndex(of: v) else {
                    throw ConfigError(path: "\(path).variables[\(i)]", problem: pop.variableNames.isEmpty
                        ? "population '\(population)' has no state variables"
                        : "unknown variable '\(v)'; known: \(pop.variableNames.joined(separator: ", "))")
                }
                return index
            }
            guard network.grid.isMultiple(intervalMs) else {
                throw ConfigError(path: "\(path).interval_ms", problem: "must be a multiple of dt (\(formatNumber(network.grid.dtMs)) ms), got \(formatNumber(intervalMs))")
            }
            return StateRecorder(name: name, population: p, variables: variableIndices,
                                 neurons: neurons ?? Array(0..<pop.count), intervalSteps: network.grid.steps(intervalMs))
        }
    }
}
