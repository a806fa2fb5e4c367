/// A connection rule from the config (`"connectivity": {"rule": ..., ...}`), with NEST's names and defaults
/// (`allow_autapses` and `allow_multapses` default to true).
public struct Connectivity: Sendable, Equatable {
    public enum Rule: Sendable, Equatable {
        case allToAll
        case oneToOne
        case pairwiseBernoulli(p: Double)
        case fixedIndegree(k: Int)
        case fixedOutdegree(k: Int)
        case fixedTotalNumber(n: Int)
        case explicit(sources: [Int], targets: [Int])
    }

    public var rule: Rule
    public var allowAutapses: Bool
    public var allowMultapses: Bool
    public var path: String

    public static let ruleNames = ["all_to_all", "one_to_one", "pairwise_bernoulli", "fixed_indegree",
                                   "fixed_outdegree", "fixed_total_number", "explicit"]

    /// The rule-specific keys each rule takes, besides `rule`, `allow_autapses` and `allow_multapses`.
    public static let ruleKeys: [String: [String]] = [
        "all_to_all": [], "one_to_one": [], "pairwise_bernoulli": ["p"], "fixed_indegree": ["K"],
        "fixed_outdegree": ["K"], "fixed_total_number": ["N"], "explicit": ["sources", "targets"],
    ]

    public init(rule: Rule, allowAutapses: Bool = true, allowMultapses: Bool = true, path: String = "connectivity") {
        self.rule = rule
        self.allowAutapses = allowAutapses
        self.allowMultapses = allowMultapses
        self.path = path
    }

    init(_ node: ConfigNode) throws {
        // The rule first, so that an unknown key is reported against the keys of this rule only.
        guard let ruleNode = try node.entries().first(where: { $0.key == "rule" })?.node else {
            throw ConfigError(path: "\(node.path).rule", problem: "is required")
        }
        let name = try ruleNode.string()
        guard let keys = Self.ruleKeys[name] else {
            throw ruleNode.error("unknown rule '\(name)'; known: \(Self.ruleNames.joined(separator: ", "))")
        }
        let f = try node.object(allowed: keys + ["rule", "allow_autapses", "allow_multapses"], required: keys)
        switch name {
        case "all_to_all": rule = .allToAll
        case "one_to_one": rule = .oneToOne
        case "pairwise_bernoulli": rule = .pairwiseBernoulli(p: try f["p"]!.number(.probability))
        case "fixed_indegree": rule = .fixedIndegree(k: try f["K"]!.integer(min: 0))
        case "fixed_outdegree": rule = .fixedOutdegree(k: try f["K"]!.integer(min: 0))
        case "fixed_total_number": rule = .fixedTotalNumber(n: try f["N"]!.integer(min: 0))
        default:
            let sources = try Self.indices(f["sources"]!), targets = try Self.indices(f["targets"]!)
            guard sources.count == targets.count else {
                throw f["targets"]!.error("has \(targets.count) entries but sources has \(sources.count)")
            }
            rule = .explicit(sources: sources, targets: targets)
        }
        allowAutapses = try f["allow_autapses"]?.bool() ?? true
        allowMultapses = try f["allow_multapses"]?.bool() ?? true
        path = node.path
    }

    /// Indices inline (`[0, 3, 7]`) or from a `.npy` file (`{"file": "sources.npy"}`).
    private static func indices(_ node: ConfigNode) throws -> [Int] {
        let values: [Double]
        if case .array = node.value {
            values = try node.numbers()
        } else {
            let file = try node.object(allowed: ["file"], required: ["file"])["file"]!
            do { values = try NpyArray.read(from: try file.existingFile()).doubles() } catch let e as NpyError {
                throw file.error(e.description)
            }
        }
        return try values.enumerated().map { i, x in
            guard x == x.rounded(), x >= 0, x < 2_147_483_648 else {
                throw ConfigError(path: "\(node.path)[\(i)]", problem: "must be a non-negative integer index, got \(formatNumber(x))")
            }
            return Int(x)
        }
    }
}

/// Connections as (source, target) index pairs, in the order the rule created them.
public struct ConnectionList: Sendable, Equatable {
    public var sources: [Int32] = []
    public var targets: [Int32] = []
    public var count: Int { sources.count }

    mutating func append(_ s: Int, _ t: Int) {
        sources.append(Int32(s))
        targets.append(Int32(t))
    }
}
