import Foundation

/// A config turned into a runnable simulation: the built network, its recorders and the chosen engine.
/// This is the library's front door (`snn run` is a thin layer over it):
///
///     let config = try NetworkConfig.load(from: url)
///     var sim = try Simulation(config: config)
///     try sim.run()
///     try sim.writeOutputs(to: outputDirectory)
public struct Simulation {
    public private(set) var config: NetworkConfig
    /// The engine `config.simulation.engine` names.
    public private(set) var engine: any Engine
    public var recorders: [any Recorder]
    public private(set) var buildSeconds: Double
    public private(set) var runSeconds: Double = 0

    /// Builds the network and recorders; throws `ConfigError` for anything the config gets wrong.
    public init(config: NetworkConfig, registry: ModelRegistry = .builtIn,
                plasticityRules: PlasticityRegistry = .builtIn) throws {
        let start = DispatchTime.now()
        self.config = config
        let network = try NetworkBuilder(registry: registry, plasticityRules: plasticityRules).build(config)
        recorders = try config.recorders.map { try $0.makeRecorder(for: network) }
        switch EngineKind(rawValue: config.simulation.engine) {
        case .clock?:
            engine = try ClockDrivenEngine(network: network, threads: config.simulation.threads)
        case .event?:
            engine = try EventDrivenEngine(network: network, threads: config.simulation.threads)
            // Spike recorders keep the event engine's exact times.
            for (i, entry) in config.recorders.enumerated() {
                guard let spikes = recorders[i] as? SpikeRecorder else { continue }
                recorders[i] = ExactSpikeRecorder(name: spikes.name, population: spikes.population,
                                                  count: network.populations[spikes.population].count,
                                                  neurons: entry.neurons, grid: network.grid)
            }
        case nil:
            throw ConfigError(path: "simulation.engine", problem: "unknown engine '\(config.simulation.engine)'; known: \(EngineKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        buildSeconds = Self.seconds(since: start)
    }

    public var network: Network { engine.network }

    /// Runs for the config's duration; `observer` receives the simulated time now and then.
    public mutating func run(observer: ((_ simulatedMs: Double) -> Void)? = nil) throws {
        try run(durationMs: config.simulation.durationMs, observer: observer)
    }

    /// Runs for `durationMs` more, from where the last run stopped: code that drives an `external` modulator
    /// runs in chunks and sets it in between (e.g. a reward computed from the spikes so far).
    public mutating func run(durationMs: Double, observer: ((_ simulatedMs: Double) -> Void)? = nil) throws {
        let start = DispatchTime.now()
        try engine.run(durationMs: durationMs, recorders: &recorders, observer: observer)
        runSeconds += Self.seconds(since: start)
    }

    /// Sets the `external` modulator `name` to `value` from the next step on.
    public mutating func setModulator(_ name: String, to value: Double) throws {
        try engine.setModulator(name, to: value)
    }

    public var summary: RunSummary {
        RunSummary(network: network, statistics: engine.statistics, buildSeconds: buildSeconds,
                   runSeconds: runSeconds, threads: engine.threads, seed: config.simulation.seed, engine: type(of: engine).kind.rawValue)
    }

    /// Writes `summary.json` and one `<recorder>.npy` per recorder into `directory` (created if needed), each
    /// file atomically.
    public func writeOutputs(to directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SNNError("cannot create output directory \(directory.path): \(error.localizedDescription)")
        }
        for r in recorders {
            for file in r.files(grid: network.grid) {
                try AtomicFile.write(file.data, to: directory.appendingPathComponent(file.name))
            }
        }
        try AtomicFile.write(summary.json(), to: directory.appendingPathComponent("summary.json"))
    }

    /// Writes the current weights of every plastic projection i to `weights_projection<i>.npy` (float64) in the
    /// connection rule's creation order, so `"synapse": {"weight": {"file": "weights_projection<i>.npy"}}` in the
    /// same config (same connectivity and seed) reruns the trained network. Returns the files written.
    @discardableResult
    public func saveWeights(to directory: URL) throws -> [URL] {
        try network.plasticProjections.map { plastic in
            var inCreationOrder = [Double](repeating: 0, count: plastic.synapses.count)
            for (k, creation) in plastic.synapses.creationIndex.enumerated() {
                inCreationOrder[Int(creation)] = Double(plastic.weights[k])
            }
            let url = directory.appendingPathComponent("weights_projection\(plastic.projectionIndex).npy")
            try AtomicFile.write(NpyWriter.float64(inCreationOrder, shape: [inCreationOrder.count]), to: url)
            return url
        }
    }

    private static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
