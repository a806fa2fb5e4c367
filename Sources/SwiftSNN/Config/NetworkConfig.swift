import Foundation

/// The JSON network description, read strictly: unknown keys, wrong types and out-of-range values are errors that
/// name their JSON path. Cross-references (population names, model parameters, indices, files) are checked when
/// the network is built (`NetworkBuilder`), which `snn validate` runs too.
public struct NetworkConfig: Sendable {
    public struct Simulation: Sendable {
        public var durationMs: Double
        public var dtMs: Double = 0.1
        public var seed: UInt64 = 1
        public var engine: String = "clock"
        /// 0 means all cores.
        public var threads: Int = 0
    }

    public struct Population: Sendable {
        public var name: String
        public var size: Int
        public var model: String
        /// Raw `params` object; checked against the model's or input's table at build time.
        public var params: ConfigNode?
        public var initial: [(variable: String, value: ValueSpec, path: String)]
        public var path: String
    }

    public struct Projection: Sendable {
        public var source: String
        public var target: String
        public var connectivity: Connectivity
        public var weight: ValueSpec
        public var delayMs: ValueSpec
        public var plasticity: Plasticity?
        public var path: String
    }

    /// `"plasticity": {"rule": "stdp", "params": {...}, "pairing": "all_to_all" | "nearest"}` on a projection.
    public struct Plasticity: Sendable {
        public var rule: String
        /// Raw `params`; checked against the rule's table when the network is built.
        public var params: ConfigNode?
        public var nearestSpike: Bool
        public var path: String
    }

    public struct Recorder: Sendable {
        public enum Kind: String, Sendable, CaseIterable { case spikes, state, weights, modulators }
        public var name: String
        public var kind: Kind
        /// The recorded population (spike and state recorders).  State recorders' `variables` are state
        /// variables; modulator recorders' are modulator names (all modulators when empty).
        public var population: String
        /// The recorded projection's index in `projections` (weight recorders).
        public var projection: Int
        public var variables: [String]
        public var neurons: [Int]?
        public var intervalMs: Double
        public var path: String
    }

    public var simulation: Simulation
    public var populations: [Population]
    public var projections: [Projection]
    public var recorders: [Recorder]
    public var modulators: [ModulatorEntry]
    /// The config file's name without extension: the default output folder is `out/<name>`.
    public var name: String

    /// Reads and checks a config file.
    public static func load(from url: URL) throws -> NetworkConfig {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ConfigError(path: url.path, problem: "cannot read config file")
        }
        let json = try JSONValue.parse(data, file: url.lastPathComponent)
        return try NetworkConfig(ConfigNode(value: json, path: "", baseDirectory: url.deletingLastPathComponent()),
                                 name: url.deletingPathExtension().lastPathComponent)
    }

    public init(_ root: ConfigNode, name: String) throws {
        self.name = name
        // The root has no JSON path of its own; the file names it.
        guard case .object = root.value else {
            throw ConfigError(path: "\(name).json", problem: "must be an object with simulation and populations, got \(root.value.described)")
        }
        let top = try root.object(allowed: ["simulation", "populations", "projections", "modulators", "recorders"],
                                  required: ["simulation", "populations"])
        simulation = try Self.simulation(top["simulation"]!)
        populations = try top["populations"]!.array().map(Self.population)
        projections = try top["projections"]?.array().map(Self.projection) ?? []
        modulators = try top["modulators"]?.array().map(ModulatorEntry.init) ?? []
        recorders = try top["recorders"]?.array().map(Self.recorder) ?? []
        try checkUniqueNames()
    }

    private static func simulation(_ node: ConfigNode) throws -> Simulation {
        let f = try node.object(allowed: ["duration_ms", "dt_ms", "seed", "engine", "threads"], required: ["duration_ms"])
        var s = Simulation(durationMs: try f["duration_ms"]!.number(.nonNegative))
        if let n = f["dt_ms"] { s.dtMs = try n.number(.positive) }
        if let n = f["seed"] { s.seed = UInt64(try n.integer(min: 0)) }
        if let n = f["engine"] {
            s.engine = try n.string()
            guard EngineKind(rawValue: s.engine) != nil else {
                throw n.error("unknown engine '\(s.engine)'; known: \(EngineKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let n = f["threads"] { s.threads = try n.integer(min: 0) }
        return s
    }

    private static func population(_ node: ConfigNode) throws -> Population {
        let f = try node.object(allowed: ["name", "size", "model", "params", "initial"], required: ["name", "size", "model"])
        let name = try f["name"]!.string()
        guard !name.isEmpty else { throw f["name"]!.error("must not be empty") }
        let size = try f["size"]!.integer(min: 1)
        guard size <= Int(Int32.max) else { throw f["size"]!.error("must be < 2^31, got \(size)") }
        let initial = try f["initial"]?.entries().map { entry in
            (variable: entry.key, value: try ValueSpec(entry.node), path: entry.node.path)
        } ?? []
        return Population(name: name, size: size, model: try f["model"]!.string(), params: f["params"],
                          initial: initial, path: node.path)
    }

    private static func projection(_ node: ConfigNode) throws -> Projection {
        let f = try node.object(allowed: ["source", "target", "connectivity", "synapse", "plasticity"],
                                required: ["source", "target", "connectivity", "synapse"])
        let syn = try f["synapse"]!.object(allowed: ["weight", "delay_ms"], required: ["weight"])
        let delay = try syn["delay_ms"].map { try ValueSpec($0, constraint: .positive) } ?? .constant(1.0)
        return Projection(source: try f["source"]!.string(), target: try f["target"]!.string(),
                          connectivity: try Connectivity(f["connectivity"]!),
                          weight: try ValueSpec(syn["weight"]!), delayMs: delay,
                          plasticity: try f["plasticity"].map(plasticity), path: node.path)
    }

    private static func plasticity(_ node: ConfigNode) throws -> Plasticity {
        let f = try node.object(allowed: ["rule", "params", "pairing"], required: ["rule"])
        var nearest = false
        if let pairing = f["pairing"] {
            switch try pairing.string() {
            case "all_to_all": nearest = false
            case "nearest": nearest = true
            case let other: throw pairing.error("unknown pairing '\(other)'; known: all_to_all, nearest")
            }
        }
        return Plasticity(rule: try f["rule"]!.string(), params: f["params"], nearestSpike: nearest, path: node.path)
    }

    private static func recorder(_ node: ConfigNode) throws -> Recorder {
        let f = try node.object(allowed: ["name", "type", "population", "projection", "variables", "neurons", "interval_ms"],
                                required: ["name", "type"])
        let name = try f["name"]!.string()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            throw f["name"]!.error("must be a non-empty file-name-safe name (letters, digits, _ and -), got '\(name)'")
        }
        let typeName = try f["type"]!.string()
        guard let kind = Recorder.Kind(rawValue: typeName) else {
            throw f["type"]!.error("unknown recorder type '\(typeName)'; known: \(Recorder.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let target: String? = kind == .weights ? "projection" : kind == .modulators ? nil : "population"
        for key in ["population", "projection"] where key != target && f[key] != nil {
            throw f[key]!.error("not allowed for \(typeName) recorders")
        }
        var population = "", projection = 0
        if let target {
            guard let targetNode = f[target] else { throw ConfigError(path: "\(node.path).\(target)", problem: "is required for \(typeName) recorders") }
            if kind == .weights { projection = try targetNode.integer(min: 0) } else { population = try targetNode.string() }
        }
        var r = Recorder(name: name, kind: kind, population: population, projection: projection, variables: [],
                         neurons: try f["neurons"]?.array().map { try $0.integer() }, intervalMs: 0, path: node.path)
        switch kind {
        case .spikes:
            for key in ["variables", "interval_ms"] where f[key] != nil {
                throw f[key]!.error("only allowed for state, weight and modulator recorders")
            }
        case .weights:
            for key in ["variables", "neurons"] where f[key] != nil {
                throw f[key]!.error("not allowed for weight recorders")
            }
            r.intervalMs = try f["interval_ms"]?.number(.positive) ?? 1.0
        case .modulators:
            if let neurons = f["neurons"] { throw neurons.error("not allowed for modulator recorders") }
            r.variables = try f["variables"]?.array().map { try $0.string() } ?? []
            r.intervalMs = try f["interval_ms"]?.number(.positive) ?? 1.0
        case .state:
            guard let vars = f["variables"] else { throw ConfigError(path: "\(node.path).variables", problem: "is required for state recorders") }
            r.variables = try vars.array().map { try $0.string() }
            guard !r.variables.isEmpty else { throw vars.error("must name at least one variable") }
            r.intervalMs = try f["interval_ms"]?.number(.positive) ?? 1.0
        }
        return r
    }

    private func checkUniqueNames() throws {
        var seen = Set<String>()
        for p in populations where !seen.insert(p.name).inserted {
            throw ConfigError(path: "\(p.path).name", problem: "duplicate population name '\(p.name)'")
        }
        seen = []
        for m in modulators where !seen.insert(m.name).inserted {
            throw ConfigError(path: "\(m.path).name", problem: "duplicate modulator name '\(m.name)'")
        }
        seen = []
        for r in recorders {
            guard r.name != "summary" else {
                throw ConfigError(path: "\(r.path).name", problem: "'summary' is reserved for summary.json")
            }
            guard seen.insert(r.name).inserted else {
                throw ConfigError(path: "\(r.path).name", problem: "duplicate recorder name '\(r.name)'")
            }
        }
    }
}

/// The simulation engines a config can ask for.
public enum EngineKind: String, CaseIterable, Sendable {
    case clock
    case event
}
