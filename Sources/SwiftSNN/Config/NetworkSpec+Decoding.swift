import Foundation

/// Reading a `NetworkSpec` from JSON, strictly: unknown keys, missing keys and wrong types are errors that name
/// their JSON path. Then the spec's own checks run (`NetworkSpec.check()`), the same a spec built in Swift gets;
/// what needs the built network (population names, model parameters, indices, files) is checked when it is
/// lowered (`NetworkBuilder`), which `snn validate` runs too.
extension NetworkSpec {
    /// The largest config file `load(from:)` reads [bytes]: a network's description is far smaller, and large
    /// arrays belong in `.npy` files (`{"file": ...}`), which are mapped rather than parsed.
    public static let maxConfigBytes = 256 << 20

    /// Reads and checks a config file; relative file names in it resolve against its directory.
    public static func load(from url: URL) throws -> NetworkSpec {
        let tooLarge = ConfigError(path: url.path, problem: "is larger than \(maxConfigBytes >> 20) MB; put large arrays in .npy files ({\"file\": \"values.npy\"})")
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > maxConfigBytes {
            throw tooLarge
        }
        // At most one byte past the bound, for what has no size (a pipe, a device) and could be endless.
        guard let handle = FileHandle(forReadingAtPath: url.path),
              let data = try? handle.read(upToCount: maxConfigBytes + 1) ?? Data() else {
            throw ConfigError(path: url.path, problem: "cannot read config file")
        }
        try? handle.close()
        guard data.count <= maxConfigBytes else { throw tooLarge }
        let json = try JSONValue.parse(data, file: url.lastPathComponent)
        return try NetworkSpec(ConfigNode(value: json, path: "", baseDirectory: url.deletingLastPathComponent()),
                               name: url.deletingPathExtension().lastPathComponent)
    }

    /// Reads JSON text; relative file names resolve against `baseDirectory`.
    public init(json text: String, name: String = "network",
                baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws {
        try self.init(json: Data(text.utf8), name: name, baseDirectory: baseDirectory)
    }

    /// Reads JSON bytes, which must be UTF-8; relative file names resolve against `baseDirectory`.
    public init(json data: Data, name: String = "network",
                baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) throws {
        let value = try JSONValue.parse(data, file: "\(name).json")
        try self.init(ConfigNode(value: value, path: "", baseDirectory: baseDirectory), name: name)
    }

    /// The spec a config document describes (`name` names its outputs); problems are `ConfigError`s at their JSON path.
    public init(_ root: ConfigNode, name: String) throws {
        // The root has no JSON path of its own; the file names it.
        guard case .object = root.value else {
            throw ConfigError(path: "\(name).json", problem: "must be an object with simulation and populations, got \(root.value.described)")
        }
        let top = try root.object(allowed: ["simulation", "populations", "projections", "modulators", "recorders", "layouts"],
                                  required: ["simulation", "populations"])
        self.init(simulation: try SimulationSpec(top["simulation"]!),
                  populations: try top["populations"]!.array().map(PopulationSpec.init),
                  projections: try top["projections"]?.array().map(ProjectionSpec.init) ?? [],
                  modulators: try top["modulators"]?.array().map(ModulatorSpec.init) ?? [],
                  recorders: try top["recorders"]?.array().map(RecorderSpec.init) ?? [],
                  layouts: try top["layouts"]?.array().map(LayoutSpec.init) ?? [],
                  name: name, baseDirectory: root.baseDirectory)
        try check()
    }
}

extension SimulationSpec {
    init(_ node: ConfigNode) throws {
        let f = try node.object(allowed: ["duration_ms", "dt_ms", "seed", "engine", "threads"], required: ["duration_ms"])
        self.init(durationMs: try f["duration_ms"]!.number(), dtMs: try f["dt_ms"]?.number(),
                  seed: try f["seed"].map { UInt64(try $0.integer(min: 0)) }, threads: try f["threads"]?.integer())
        if let n = f["engine"] {
            let name = try n.string()
            guard let kind = EngineKind(rawValue: name) else {
                throw n.error("unknown engine '\(name)'; known: \(EngineKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            engine = kind
        }
    }
}

extension PopulationSpec {
    init(_ node: ConfigNode) throws {
        let f = try node.object(allowed: ["name", "size", "model", "params", "initial"], required: ["name", "size", "model"])
        var initial: [String: ValueSpec] = [:]
        for entry in try f["initial"]?.entries() ?? [] { initial[entry.key] = try ValueSpec(entry.node) }
        self.init(name: try f["name"]!.string(), size: try f["size"]!.integer(), model: try f["model"]!.string(),
                  params: try ParameterValue.table(f["params"]), initial: initial)
    }
}

extension ParameterValue {
    /// A `params` object, or no parameters when it is absent.
    static func table(_ node: ConfigNode?) throws -> [String: ParameterValue] {
        var values: [String: ParameterValue] = [:]
        for entry in try node?.entries() ?? [] { values[entry.key] = try ParameterValue(entry.node) }
        return values
    }

    init(_ node: ConfigNode) throws {
        switch node.value {
        case .number: self = .number(try node.number())
        case .string(let s): self = .text(s)
        case .array(let items):
            if let first = items.first, case .array = first {
                self = .lists(try node.array().map { try $0.numbers() })
            } else {
                self = .numbers(try node.numbers())
            }
        case .object(let dict):
            let valueKeys: Set<String> = ["uniform", "normal", "choice", "array", "file", "expression"]
            self = dict.keys.contains(where: valueKeys.contains) ? .values(try ValueSpec(node)) : .bound(try ParameterBinding(node))
        case .bool, .null:
            throw node.error("must be a number, got \(node.value.described)")
        }
    }
}

extension ParameterBinding {
    init(_ node: ConfigNode) throws {
        let f = try node.object(allowed: ["modulator", "scale", "initial", "factor", "every_ms"])
        if let name = f["modulator"] {
            for key in ["initial", "factor", "every_ms"] where f[key] != nil {
                throw f[key]!.error("not allowed with 'modulator' (a parameter follows either a modulator or a schedule)")
            }
            self = .modulator(name: try name.string(), scale: try f["scale"]?.number())
            return
        }
        if let scale = f["scale"] { throw scale.error("only allowed with 'modulator'") }
        guard let initial = f["initial"], let factor = f["factor"] else {
            throw node.error("must be a number, {\"modulator\": name} or {\"initial\": x, \"factor\": f, \"every_ms\": t}")
        }
        self = .schedule(initial: try initial.number(), factor: try factor.number(), everyMs: try f["every_ms"]?.number())
    }
}

extension ScheduledNumber {
    init(_ node: ConfigNode) throws {
        if case .object = node.value {
            let f = try node.object(allowed: ["initial", "factor", "every_ms"], required: ["initial", "factor"])
            self = .geometric(initial: try f["initial"]!.number(), factor: try f["factor"]!.number(),
                              everyMs: try f["every_ms"]?.number())
        } else {
            self = .constant(try node.number())
        }
    }
}

extension ValueSpec {
    init(_ node: ConfigNode) throws {
        if case .number = node.value {
            self = .constant(try node.number())
            return
        }
        let fields = try node.object(allowed: ["uniform", "normal", "min", "max", "choice", "array", "file", "expression"])
        let kinds = ["uniform", "normal", "choice", "array", "file", "expression"].filter { fields[$0] != nil }
        guard kinds.count == 1 else {
            throw node.error("must be a number or an object with exactly one of uniform, normal, choice, array, file, expression")
        }
        if fields["min"] != nil || fields["max"] != nil, kinds[0] != "normal" {
            throw node.error("min/max are only allowed with normal")
        }
        switch kinds[0] {
        case "uniform":
            let bounds = try Self.pair(fields["uniform"]!)
            self = .uniform(low: bounds[0], high: bounds[1])
        case "normal":
            let p = try Self.pair(fields["normal"]!)
            self = .normal(mean: p[0], sd: p[1], min: try fields["min"]?.number() ?? -.infinity,
                           max: try fields["max"]?.number() ?? .infinity)
        case "choice":
            self = .choice(try fields["choice"]!.numbers())
        case "array":
            self = .array(try fields["array"]!.numbers())
        case "expression":
            let node = fields["expression"]!
            do { self = .expression(try ValueExpression(try node.string())) }
            catch let error as SNNError { throw node.error(error.description) }
        default:
            self = .file(try fields["file"]!.string())
        }
    }

    private static func pair(_ node: ConfigNode) throws -> [Double] {
        let values = try node.numbers()
        guard values.count == 2 else { throw node.error("must be an array of 2 numbers, got \(values.count)") }
        return values
    }
}

extension ProjectionSpec {
    init(_ node: ConfigNode) throws {
        let f = try node.object(allowed: ["source", "target", "connectivity", "synapse", "plasticity", "delay_plasticity",
                                          "max_delay_ms", "dendritic_fraction", "third_factor"],
                                required: ["source", "target", "connectivity", "synapse"])
        let syn = try f["synapse"]!.object(allowed: ["type", "weight", "delay_ms"], required: ["weight"])
        let type = try syn["type"].map { node in
            let name = try node.string()
            guard let type = SynapseType(rawValue: name) else {
                throw node.error("unknown synapse type '\(name)'; known: \(SynapseType.allCases.map(\.rawValue).joined(separator: ", ")) (leave it out for spikes)")
            }
            return type
        }
        self.init(source: try f["source"]!.string(), target: try f["target"]!.string(),
                  connectivity: try Connectivity(f["connectivity"]!), weight: try ValueSpec(syn["weight"]!),
                  delayMs: try syn["delay_ms"].map(ValueSpec.init), plasticity: try f["plasticity"].map(PlasticitySpec.init),
                  delayPlasticity: try f["delay_plasticity"].map(DelayPlasticitySpec.init),
                  maxDelayMs: try f["max_delay_ms"]?.number(.positive),
                  dendriticFraction: try f["dendritic_fraction"]?.number(.probability), synapseType: type, thirdFactor: try f["third_factor"].map(ThirdFactorSpec.init))
    }
}

extension ThirdFactorSpec {
    init(_ node: ConfigNode) throws {
        let f = try node.object(allowed: ["population", "p", "pool_size", "pool_type", "third_in", "third_out"],
                                required: ["population", "third_in", "third_out"])
        func synapse(_ key: String) throws -> Synapse {
            let s = try f[key]!.object(allowed: ["weight", "delay_ms"], required: ["weight"])
            return Synapse(weight: try ValueSpec(s["weight"]!), delayMs: try s["delay_ms"].map(ValueSpec.init))
        }
        let poolType = try f["pool_type"].map { node in
            let name = try node.string()
            guard let type = PoolType(rawValue: name) else {
                throw node.error("unknown pool type '\(name)'; known: \(PoolType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return type
        }
        self.init(population: try f["population"]!.string(), probability: try f["p"]?.number(),
                  poolSize: try f["pool_size"]?.integer(min: 1), poolType: poolType,
                  thirdIn: try synapse("third_in"), thirdOut: try synapse("third_out"))
    }
}

extension DelayPlasticitySpec {
    init(_ node: ConfigNode) throws {
        let f = try node.object(allowed: ["rule", "params", "teacher"], required: ["rule"])
        self.init(rule: try f["rule"]!.string(), params: try ParameterValue.table(f["params"]), teacher: try f["teacher"]?.string())
    }
}

extension PlasticitySpec {
    init(_ node: ConfigNode) throws {
        let f = try node.object(allowed: ["rule", "params", "pairing"], required: ["rule"])
        self.init(rule: try f["rule"]!.string(), params: try ParameterValue.table(f["params"]))
        if let node = f["pairing"] {
            let name = try node.string()
            guard let p = Pairing(rawValue: name) else {
                throw node.error("unknown pairing '\(name)'; known: \(Pairing.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            pairing = p
        }
    }
}

extension Connectivity {
    init(_ node: ConfigNode) throws {
        // The rule first, so that an unknown key is reported against the keys of this rule only.
        guard let ruleNode = try node.entries().first(where: { $0.key == "rule" })?.node else {
            throw ConfigError(path: "\(node.path).rule", problem: "is required")
        }
        let name = try ruleNode.string()
        guard let keys = Self.ruleKeys[name] else {
            throw ruleNode.error(unknownName("rule", name, known: Self.ruleNames))
        }
        let f = try node.object(allowed: keys + ["rule", "allow_autapses", "allow_multapses"], required: keys)
        let rule: Rule
        switch name {
        case "all_to_all": rule = .allToAll
        case "one_to_one": rule = .oneToOne
        case "pairwise_bernoulli": rule = .pairwiseBernoulli(p: try f["p"]!.number())
        case "fixed_indegree": rule = .fixedIndegree(k: try f["K"]!.integer())
        case "fixed_outdegree": rule = .fixedOutdegree(k: try f["K"]!.integer())
        case "fixed_total_number": rule = .fixedTotalNumber(n: try f["N"]!.integer())
        case "distance_bernoulli": rule = .distanceBernoulli(c: try f["C"]!.number(), lambda: try f["lambda"]!.number())
        default: rule = .explicit(sources: try IndexList(f["sources"]!), targets: try IndexList(f["targets"]!))
        }
        self.init(rule: rule, allowAutapses: try f["allow_autapses"]?.bool(), allowMultapses: try f["allow_multapses"]?.bool())
    }
}

extension LayoutSpec {
    init(_ node: ConfigNode) throws {
        let f = try node.object(allowed: ["name", "grid", "populations", "assignment"], required: ["name", "grid", "populations"])
        let assignment = try f["assignment"].map { node in
            let name = try node.string()
            guard let a = Assignment(rawValue: name) else {
                throw node.error("unknown assignment '\(name)'; known: \(Assignment.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return a
        }
        self.init(name: try f["name"]!.string(), grid: try f["grid"]!.array().map { try $0.integer(min: 1) },
                  populations: try f["populations"]!.array().map { try $0.string() }, assignment: assignment)
    }
}

extension Connectivity.IndexList {
    /// Indices inline (`[0, 3, 7]`) or from a `.npy` file (`{"file": "sources.npy"}`).
    init(_ node: ConfigNode) throws {
        guard case .array = node.value else {
            self = .file(try node.object(allowed: ["file"], required: ["file"])["file"]!.string())
            return
        }
        self = .indices(try node.numbers().enumerated().map { i, x in
            guard x == x.rounded(), x >= 0, x < 2_147_483_648 else {
                throw ConfigError(path: "\(node.path)[\(i)]", problem: "must be a non-negative integer index, got \(formatNumber(x))")
            }
            return Int(x)
        })
    }
}

extension ModulatorSpec {
    init(_ node: ConfigNode) throws {
        let common = ["name", "type", "initial"]
        if let type = try Self.registeredType(of: node) {
            // A registered type's keys are its own; whether the type exists is known when the spec is lowered.
            let entries = try node.entries()
            guard let nameNode = entries.first(where: { $0.key == "name" })?.node else {
                throw ConfigError(path: "\(node.path).name", problem: "is required")
            }
            var params: [String: ParameterValue] = [:]
            for entry in entries where !common.contains(entry.key) {
                params[entry.key] = try ParameterValue(entry.node)
            }
            self.init(name: try nameNode.string(), kind: .custom(type: type, params: params),
                      initial: try entries.first { $0.key == "initial" }?.node.number())
            return
        }
        let f = try node.object(allowed: common + ["population", "tau_ms", "increment", "baseline", "times_ms", "values",
                                                   "bias", "inputs", "density", "fade", "variable"],
                                required: ["name", "type"])
        let type = try f["type"]!.string()
        let own: [String]
        let kind: Kind
        switch type {
        case "volume_transmitter":
            own = ["population", "tau_ms", "increment", "baseline"]
            guard let population = f["population"], let tau = f["tau_ms"] else {
                throw ConfigError(path: "\(node.path).\(f["population"] == nil ? "population" : "tau_ms")",
                                  problem: "is required for volume_transmitter modulators")
            }
            kind = .volumeTransmitter(population: try population.string(), tauMs: try tau.number(),
                                      increment: try f["increment"]?.number(), baseline: try f["baseline"]?.number())
        case "schedule":
            own = ["times_ms", "values"]
            guard let times = f["times_ms"], let values = f["values"] else {
                throw ConfigError(path: "\(node.path).\(f["times_ms"] == nil ? "times_ms" : "values")",
                                  problem: "is required for schedule modulators")
            }
            kind = .schedule(timesMs: try times.numbers(), values: try values.numbers())
        case "external":
            own = []
            kind = .external
        case "astrocyte_integrator":
            own = ["tau_ms", "bias", "inputs", "density", "fade"]
            for key in ["tau_ms", "bias", "inputs"] where f[key] == nil {
                throw ConfigError(path: "\(node.path).\(key)", problem: "is required for astrocyte_integrator modulators")
            }
            let inputs = try f["inputs"]!.array().map { entry in
                let g = try entry.object(allowed: ["population", "weight"], required: ["population", "weight"])
                return AstrocyteIntegratorSpec.Input(population: try g["population"]!.string(),
                                                     weight: try ScheduledNumber(g["weight"]!))
            }
            let fade = try f["fade"].map { node in
                let g = try node.object(allowed: ["factor", "every_ms"], required: ["factor"])
                return AstrocyteIntegratorSpec.Fade(factor: try g["factor"]!.number(), everyMs: try g["every_ms"]?.number())
            }
            kind = .astrocyteIntegrator(AstrocyteIntegratorSpec(tauMs: try f["tau_ms"]!.number(), bias: try ScheduledNumber(f["bias"]!),
                                                                inputs: inputs, density: try f["density"]?.number(), fade: fade))
        case "population_mean":
            own = ["population", "variable"]
            for key in own where f[key] == nil {
                throw ConfigError(path: "\(node.path).\(key)", problem: "is required for population_mean modulators")
            }
            kind = .populationMean(population: try f["population"]!.string(), variable: try f["variable"]!.string())
        default:
            preconditionFailure("\(type) is handled by registeredType(of:)")
        }
        for key in f.keys.sorted() where !common.contains(key) && !own.contains(key) {
            throw f[key]!.error("not allowed for \(type) modulators")
        }
        self.init(name: try f["name"]!.string(), kind: kind, initial: try f["initial"]?.number())
    }
}

extension ModulatorSpec {
    /// The entry's `type` when it is not a built-in one.
    private static func registeredType(of node: ConfigNode) throws -> String? {
        guard let type = try node.entries().first(where: { $0.key == "type" })?.node.string(), !typeNames.contains(type) else {
            return nil
        }
        return type
    }
}

extension RecorderSpec {
    init(_ node: ConfigNode) throws {
        let entries = try node.entries()
        guard let typeNode = entries.first(where: { $0.key == "type" })?.node,
              let nameNode = entries.first(where: { $0.key == "name" })?.node else {
            throw ConfigError(path: "\(node.path).\(entries.contains { $0.key == "name" } ? "type" : "name")", problem: "is required")
        }
        let typeName = try typeNode.string()
        guard Self.typeNames.contains(typeName) else {
            // A registered type's keys are its own; whether the type exists is known when the spec is lowered.
            var params: [String: ParameterValue] = [:]
            for entry in entries where entry.key != "name" && entry.key != "type" {
                params[entry.key] = try ParameterValue(entry.node)
            }
            self.init(name: try nameNode.string(), kind: .custom(type: typeName, params: params))
            return
        }
        let f = try node.object(allowed: ["name", "type", "population", "projection", "variables", "neurons", "interval_ms"])
        let target: String? = ["weights", "delays"].contains(typeName) ? "projection" : typeName == "modulators" ? nil : "population"
        for key in ["population", "projection"] where key != target && f[key] != nil {
            throw f[key]!.error("not allowed for \(typeName) recorders")
        }
        if let target, f[target] == nil {
            throw ConfigError(path: "\(node.path).\(target)", problem: "is required for \(typeName) recorders")
        }
        let neurons = try f["neurons"]?.array().map { try $0.integer() }
        let interval = try f["interval_ms"]?.number()
        let kind: Kind
        switch typeName {
        case "spikes":
            for key in ["variables", "interval_ms"] where f[key] != nil {
                throw f[key]!.error("only allowed for state, weight, delay and modulator recorders")
            }
            kind = .spikes(population: try f["population"]!.string(), neurons: neurons)
        case "weights", "delays":
            for key in ["variables", "neurons"] where f[key] != nil {
                throw f[key]!.error("not allowed for \(typeName == "weights" ? "weight" : "delay") recorders")
            }
            let projection = try f["projection"]!.integer(min: 0)
            kind = typeName == "weights" ? .weights(projection: projection, intervalMs: interval)
                                         : .delays(projection: projection, intervalMs: interval)
        case "modulators":
            if let neurons = f["neurons"] { throw neurons.error("not allowed for modulator recorders") }
            kind = .modulators(variables: try f["variables"]?.array().map { try $0.string() }, intervalMs: interval)
        default:
            guard let vars = f["variables"] else { throw ConfigError(path: "\(node.path).variables", problem: "is required for state recorders") }
            kind = .state(population: try f["population"]!.string(), variables: try vars.array().map { try $0.string() },
                          neurons: neurons, intervalMs: interval)
        }
        self.init(name: try f["name"]!.string(), kind: kind)
    }
}
