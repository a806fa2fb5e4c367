import Foundation

/// A network spec built and ready to run on the engine it names: the lowered network, its recorders and the
/// engine. This is the library's front door (`snn run` is a thin layer over it):
///
///     let spec = try NetworkSpec.load(from: url)
///     var sim = try Simulation(spec: spec)
///     try sim.run()
///     try sim.writeOutputs(to: outputDirectory)
///
/// Not `Sendable`: the event engine keeps its neurons' state in reference types, so two copies of a simulation
/// on that engine would share it. A simulation that nothing else holds can still be handed to the task that runs
/// it (`Task.detached { [sim] in … }`): Swift 6's region-based isolation checks that the sender does not touch it
/// afterwards. The spec is `Sendable`.
public struct Simulation {
    /// The spec the simulation was built from.
    public private(set) var spec: NetworkSpec
    /// The engine `spec.simulation.engine` names.
    public internal(set) var engine: any Engine
    /// The recorders of the spec, in its order, holding what they recorded so far.
    public var recorders: [any Recorder]
    /// Wall time spent lowering the spec [s].
    public private(set) var buildSeconds: Double
    /// Wall time spent running so far [s].
    public private(set) var runSeconds: Double = 0
    /// The network and the (empty) recorders as built, for `reset`.
    private let builtNetwork: Network
    private let builtRecorders: [any Recorder]

    /// Lowers the spec for its engine and makes its recorders; throws `ConfigError` for anything the spec gets
    /// wrong, and `MemoryLimit.Exceeded`, before allocating anything, for a network whose `ResourceEstimate` is
    /// beyond `memoryLimit` (by default the memory available now; `MemoryLimit(bytes:)` or `.unlimited` to
    /// allow more). `streamedRecordings`: the recordings will be streamed to files (`run(streamingTo:)`), so the
    /// estimate counts one piece of them, not the whole run's.
    public init(spec: NetworkSpec, registry: ModelRegistry = .builtIn,
                plasticityRules: PlasticityRegistry = .builtIn, recorders recorderTypes: RecorderRegistry = .builtIn,
                memoryLimit: MemoryLimit = .available(), streamedRecordings: Bool = false) throws {
        let start = DispatchTime.now()
        self.spec = spec
        var builder = NetworkBuilder(registry: registry, plasticityRules: plasticityRules, memoryLimit: memoryLimit)
        builder.streamedRecordings = streamedRecordings
        let network = try builder.build(spec)
        recorders = try spec.recorders.enumerated().map { try $0.element.makeRecorder(for: network, path: "recorders[\($0.offset)]", types: recorderTypes) }
        let threads = spec.simulation.effectiveThreads
        switch spec.simulation.effectiveEngine {
        case .clock:
            engine = try ClockDrivenEngine(network: network, threads: threads)
        case .event:
            engine = try EventDrivenEngine(network: network, threads: threads)
            // Spike recorders keep the event engine's exact times.
            for (i, entry) in spec.recorders.enumerated() {
                guard let spikes = recorders[i] as? SpikeRecorder, case .spikes(_, let neurons) = entry.kind else { continue }
                recorders[i] = ExactSpikeRecorder(name: spikes.name, population: spikes.population,
                                                  count: network.populations[spikes.population].count,
                                                  neurons: neurons, grid: network.grid)
            }
        }
        builtNetwork = network
        builtRecorders = recorders
        buildSeconds = Self.seconds(since: start)
    }

    /// Which weights a `reset` starts the next trial with.
    public enum TrialWeights: Sendable {
        /// The weights as they are now, learned ones included (NALSM's liquid initialisation keeps them from one
        /// sample to the next).
        case current
        /// The weights the simulation was built with.
        case initial
    }

    /// Starts a new trial at t = 0: the neurons' state, synaptic currents, spikes in flight, plasticity traces,
    /// modulators and bound parameters as they were built, the recorders empty, and the weights `weights`. Input
    /// populations and generators keep their random streams where they are, so each trial sees new input noise
    /// (a spike generator replays its times). Spike counts and the simulated time of `summary` restart too.
    public mutating func reset(weights: TrialWeights = .current) throws {
        var next = builtNetwork
        let current = network
        for p in next.populations.indices where next.populations[p].ports == nil {
            next.populations[p] = current.populations[p]
        }
        if weights == .current {
            for i in spec.projections.indices {
                try next.setWeights(ofProjection: i, to: current.synapses(ofProjection: i).weights)
            }
        }
        try engine.restart(from: next)
        recorders = builtRecorders
    }

    /// The engine's network now.
    public var network: Network { engine.network }

    /// Runs for the config's duration; `observer` receives the simulated time now and then.
    public mutating func run(observer: ((_ simulatedMs: Double) -> Void)? = nil) throws {
        try run(durationMs: spec.simulation.durationMs, observer: observer)
    }

    /// Runs for `durationMs` more, from where the last run stopped: code that drives an `external` modulator
    /// runs in chunks and sets it in between (e.g. a reward computed from the spikes so far). Throws
    /// `NumericalError` when a state variable becomes NaN or infinite and `RunInterrupted` when a stop is requested
    /// (`Interruption`), in both cases after the recorders got everything up to the time reached.
    public mutating func run(durationMs: Double, observer: ((_ simulatedMs: Double) -> Void)? = nil) throws {
        let start = DispatchTime.now()
        defer { runSeconds += Self.seconds(since: start) }
        try engine.run(durationMs: durationMs, recorders: &recorders, observer: observer)
        if let signal = Interruption.pending { throw RunInterrupted(signal: signal, timeMs: timeMs) }
    }

    /// Sets the `external` modulator `name` to `value` from the next step on.
    public mutating func setModulator(_ name: String, to value: Double) throws {
        try engine.setModulator(name, to: value)
    }

    /// What `summary.json` holds: counts, rates, timing, settings.
    public var summary: RunSummary {
        RunSummary(network: network, statistics: engine.statistics, buildSeconds: buildSeconds,
                   runSeconds: runSeconds, threads: engine.threads, seed: spec.simulation.effectiveSeed, engine: type(of: engine).kind.rawValue)
    }

    /// Writes the current weights of every plastic projection i to `weights_projection<i>.npy` (float64) in the
    /// connection rule's creation order, so `"synapse": {"weight": {"file": "weights_projection<i>.npy"}}` in the
    /// same config (same connectivity and seed) reruns the trained network. Returns the files written.
    @discardableResult
    public func saveWeights(to directory: URL) throws -> [URL] {
        try save("weights", to: directory) { plastic in plastic.weights.map(Double.init) }
    }

    /// Writes the current delays [ms] of every projection whose delays change during the run (`delay_plasticity`
    /// or `max_delay_ms`) to `delays_projection<i>.npy` (float64) in the connection rule's creation order, so
    /// `"delay_ms": {"file": "delays_projection<i>.npy"}` reruns the network with the learned delays. Returns the
    /// files written.
    @discardableResult
    public func saveDelays(to directory: URL) throws -> [URL] {
        try save("delays", to: directory) { plastic in plastic.learnedDelays.map { Array($0.delayMs) } }
    }

    /// Writes `values(plastic)` of each plastic projection that has them to `<quantity>_projection<i>.npy`, per
    /// synapse in creation order.
    private func save(_ quantity: String, to directory: URL, values: (any PlasticSynapses) -> [Double]?) throws -> [URL] {
        try network.plasticProjections.compactMap { plastic in
            guard let values = values(plastic) else { return nil }
            var inCreationOrder = [Double](repeating: 0, count: plastic.synapses.count)
            for (k, creation) in plastic.synapses.creationIndex.enumerated() { inCreationOrder[Int(creation)] = values[k] }
            let url = directory.appendingPathComponent("\(quantity)_projection\(plastic.projectionIndex).npy")
            try AtomicFile.write(NpyWriter.float64(inCreationOrder, shape: [inCreationOrder.count]), to: url)
            return url
        }
    }

    private static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
