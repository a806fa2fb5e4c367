import Foundation

/// The `summary.json` of a run: spike counts and rates of every population that spikes, synapse count, timing
/// and throughput (synaptic events count every spike arriving at a synapse, Poisson generator spikes included).
public struct RunSummary: Encodable, Sendable {
    /// One population's counts.
    public struct PopulationSummary: Encodable, Sendable {
        /// Neurons.
        public var size: Int
        /// Spikes in the run.
        public var spikes: Int
        /// Mean rate per neuron [Hz].
        public var rateHz: Double

        enum CodingKeys: String, CodingKey {
            case size, spikes
            case rateHz = "rate_hz"
        }
    }

    /// Wall time of the run's phases.
    public struct Timing: Encodable, Sendable {
        /// Lowering the spec [s].
        public var buildSeconds: Double
        /// Simulating [s].
        public var runSeconds: Double

        enum CodingKeys: String, CodingKey {
            case buildSeconds = "build_s"
            case runSeconds = "run_s"
        }
    }

    /// Per population, by name.
    public var populations: [String: PopulationSummary]
    /// Synapses of every kind.
    public var synapses: Int
    /// Wall times.
    public var timing: Timing
    /// Spikes delivered to synapses.
    public var synapticEvents: UInt64
    /// Synaptic events per second of run time.
    public var eventsPerSecond: Double
    /// Worker threads used.
    public var threads: Int
    /// The run's seed.
    public var seed: UInt64
    /// The engine's name.
    public var engine: String
    /// Simulated time [ms].
    public var simulatedMs: Double
    /// What stopped the run before its end (a `NumericalError`), if anything; absent from the JSON otherwise.
    public var error: String?
    /// True when a stop request (`Interruption`: SIGINT, SIGTERM) ended the run before its end; absent otherwise.
    public var interrupted: Bool?
    /// The files this run wrote into its output directory, `summary.json` aside (`RecordingStream`).
    public var files: [String]?

    enum CodingKeys: String, CodingKey {
        case populations, synapses, timing, threads, seed, engine, error, interrupted, files
        case synapticEvents = "synaptic_events"
        case eventsPerSecond = "events_per_s"
        case simulatedMs = "duration_ms"
    }

    /// The summary of a run of `network`.
    public init(network: Network, statistics: RunStatistics, buildSeconds: Double, runSeconds: Double,
                threads: Int, seed: UInt64, engine: String) {
        var pops: [String: PopulationSummary] = [:]
        for (p, pop) in network.populations.enumerated() where pop.emitsSpikes {
            let seconds = statistics.simulatedMs / 1000
            let rate = seconds > 0 ? Double(statistics.spikes[p]) / (Double(pop.count) * seconds) : 0
            pops[pop.name] = PopulationSummary(size: pop.count, spikes: statistics.spikes[p], rateHz: rate)
        }
        populations = pops
        synapses = network.synapseCount
        timing = Timing(buildSeconds: buildSeconds, runSeconds: runSeconds)
        synapticEvents = statistics.synapticEvents
        eventsPerSecond = runSeconds > 0 ? Double(statistics.synapticEvents) / runSeconds : 0
        self.threads = threads
        self.seed = seed
        self.engine = engine
        simulatedMs = statistics.simulatedMs
    }

    /// `summary.json`'s bytes (keys sorted).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
