extension NetworkConfig {
    /// One entry of `"modulators"`: a named scalar signal that plasticity parameters can follow (`Modulator`).
    ///
    ///     {"name": "dopamine", "type": "volume_transmitter", "population": "DA", "tau_ms": 200, "increment": 1}
    ///     {"name": "reward", "type": "schedule", "times_ms": [0, 500], "values": [0, 1]}
    ///     {"name": "astrocyte", "type": "external", "initial": 0.15}
    public struct ModulatorEntry: Sendable {
        public enum Kind: Sendable, Equatable {
            case volumeTransmitter(population: String, tauMs: Double, increment: Double, baseline: Double)
            case schedule(timesMs: [Double], values: [Double])
            case external
        }

        public static let kinds = ["volume_transmitter", "schedule", "external"]

        public var name: String
        public var kind: Kind
        /// The value before anything drives it (default 0; a volume transmitter's default is its baseline).
        public var initial: Double
        public var path: String

        init(_ node: ConfigNode) throws {
            let common = ["name", "type", "initial"]
            let f = try node.object(allowed: common + ["population", "tau_ms", "increment", "baseline", "times_ms", "values"],
                                    required: ["name", "type"])
            name = try f["name"]!.string()
            guard !name.isEmpty else { throw f["name"]!.error("must not be empty") }
            path = node.path
            let type = try f["type"]!.string()
            let own: [String]
            switch type {
            case "volume_transmitter":
                own = ["population", "tau_ms", "increment", "baseline"]
                guard let population = f["population"], let tau = f["tau_ms"] else {
                    throw ConfigError(path: "\(node.path).\(f["population"] == nil ? "population" : "tau_ms")",
                                      problem: "is required for volume_transmitter modulators")
                }
                let baseline = try f["baseline"]?.number() ?? 0
                kind = .volumeTransmitter(population: try population.string(), tauMs: try tau.number(.positive),
                                          increment: try f["increment"]?.number() ?? 1, baseline: baseline)
                initial = try f["initial"]?.number() ?? baseline
            case "schedule":
                own = ["times_ms", "values"]
                guard let timesNode = f["times_ms"], let valuesNode = f["values"] else {
                    throw ConfigError(path: "\(node.path).\(f["times_ms"] == nil ? "times_ms" : "values")",
                                      problem: "is required for schedule modulators")
                }
                let times = try timesNode.array().map { try $0.number(.nonNegative) }
                let values = try valuesNode.numbers()
                guard times.count == values.count else {
                    throw valuesNode.error("must have one value per entry of times_ms (\(times.count)), got \(values.count)")
                }
                if let i = times.indices.dropFirst().first(where: { times[$0] <= times[$0 - 1] }) {
                    throw ConfigError(path: "\(timesNode.path)[\(i)]", problem: "times must increase, got \(formatNumber(times[i])) after \(formatNumber(times[i - 1]))")
                }
                kind = .schedule(timesMs: times, values: values)
                initial = try f["initial"]?.number() ?? 0
            case "external":
                own = []
                kind = .external
                initial = try f["initial"]?.number() ?? 0
            default:
                throw f["type"]!.error("unknown modulator type '\(type)'; known: \(Self.kinds.joined(separator: ", "))")
            }
            for key in f.keys.sorted() where !common.contains(key) && !own.contains(key) {
                throw f[key]!.error("not allowed for \(type) modulators")
            }
        }
    }
}
