import Foundation

/// The `summary.json` of a run: spike counts and rates of every population that spikes, synapse count, timing
/// and throughput (synaptic events count every spike arriving at a synapse, Poisson generator spikes included).
public struct RunSummary: Encodable, Sendable {
    public struct PopulationSummary: Encodable, Sendable {
        public var size: Int
        public var spikes: Int
        public var rateHz: Double

        enum CodingKeys: String, CodingKey {
            case size, spikes
            case rateHz = "rate_hz"
        }
    }

    public struct Timing: Encodable, Sendable {
        public var buildSeconds: Double
        public var runSeconds: Double

        enum CodingKeys: String, CodingKey {
            case buildSeconds = "build_s"
            case runSeconds = "run_s"
        }
    }

    public var populations: [String: PopulationSummary]
    public var synapses: Int
    public var timing: Timing
    public var synapticEvents: UInt64
    public var eventsPerSecond: Double
    public var threads: Int
    public var seed: UInt64
    public var engine: String
    public var simulatedMs: Double

    enum CodingKeys: String, CodingKey {
        case populations, synapses, timing, threads, seed, engine
        case synapticEvents = "synaptic_events"
        case eventsPerSecond = "events_per_s"
        case simulatedMs = "duration_ms"
    }

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

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
