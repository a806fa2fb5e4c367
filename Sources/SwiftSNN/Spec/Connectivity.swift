import Foundation

/// A connection rule (`"connectivity": {"rule": ..., ...}`), with NEST's names and defaults
/// (`allow_autapses` and `allow_multapses` default to true).
public struct Connectivity: Sendable, Equatable {
    /// A connection rule with its parameters (NEST's `Connect` rules of the same names).
    public enum Rule: Sendable, Equatable {
        /// Every source to every target.
        case allToAll
        /// Source i to target i (equal sizes).
        case oneToOne
        /// Each pair independently with probability p.
        case pairwiseBernoulli(p: Double)
        /// K sources drawn for every target.
        case fixedIndegree(k: Int)
        /// K targets drawn for every source.
        case fixedOutdegree(k: Int)
        /// N pairs drawn at random.
        case fixedTotalNumber(n: Int)
        /// The listed pairs, sources[i] → targets[i].
        case explicit(sources: IndexList, targets: IndexList)
        /// Each pair independently with probability C·e^(−(D/λ)²), D the distance of their grid points
        /// (`LayoutSpec`): NALSM's liquid connectivity (Maass et al. 2002's form).
        case distanceBernoulli(c: Double, lambda: Double)

        /// The `rule` a config names it by.
        public var name: String {
            switch self {
            case .allToAll: return "all_to_all"
            case .oneToOne: return "one_to_one"
            case .pairwiseBernoulli: return "pairwise_bernoulli"
            case .fixedIndegree: return "fixed_indegree"
            case .fixedOutdegree: return "fixed_outdegree"
            case .fixedTotalNumber: return "fixed_total_number"
            case .explicit: return "explicit"
            case .distanceBernoulli: return "distance_bernoulli"
            }
        }
    }

    /// Neuron indices given inline or as a `.npy` file (relative to the spec's base directory).
    public enum IndexList: Sendable, Equatable {
        /// Indices given inline.
        case indices([Int])
        /// A `.npy` file of integer indices.
        case file(String)
    }

    /// The rule and its parameters.
    public var rule: Rule
    /// Default true.
    public var allowAutapses: Bool?
    /// Default true.
    public var allowMultapses: Bool?

    /// Every `rule` a config may name.
    public static let ruleNames = ["all_to_all", "one_to_one", "pairwise_bernoulli", "fixed_indegree",
                                   "fixed_outdegree", "fixed_total_number", "explicit", "distance_bernoulli"]

    /// The rule-specific keys each rule takes, besides `rule`, `allow_autapses` and `allow_multapses`.
    public static let ruleKeys: [String: [String]] = [
        "all_to_all": [], "one_to_one": [], "pairwise_bernoulli": ["p"], "fixed_indegree": ["K"],
        "fixed_outdegree": ["K"], "fixed_total_number": ["N"], "explicit": ["sources", "targets"],
        "distance_bernoulli": ["C", "lambda"],
    ]

    /// A rule; the autapse and multapse flags default to true when nil.
    public init(rule: Rule, allowAutapses: Bool? = nil, allowMultapses: Bool? = nil) {
        self.rule = rule
        self.allowAutapses = allowAutapses
        self.allowMultapses = allowMultapses
    }

    /// Every source to every target.
    public static let allToAll = Connectivity(rule: .allToAll)
    /// Source i to target i.
    public static let oneToOne = Connectivity(rule: .oneToOne)
    /// Each pair with probability `p`.
    public static func pairwiseBernoulli(_ p: Double, allowAutapses: Bool? = nil) -> Connectivity {
        Connectivity(rule: .pairwiseBernoulli(p: p), allowAutapses: allowAutapses)
    }
    /// `k` sources per target.
    public static func fixedIndegree(_ k: Int, allowAutapses: Bool? = nil, allowMultapses: Bool? = nil) -> Connectivity {
        Connectivity(rule: .fixedIndegree(k: k), allowAutapses: allowAutapses, allowMultapses: allowMultapses)
    }
    /// Each pair with probability `c`·e^(−(D/`lambda`)²), D the distance of their grid points.
    public static func distanceBernoulli(c: Double, lambda: Double, allowAutapses: Bool? = nil) -> Connectivity {
        Connectivity(rule: .distanceBernoulli(c: c, lambda: lambda), allowAutapses: allowAutapses)
    }
    /// The pairs sources[i] → targets[i].
    public static func explicit(sources: [Int], targets: [Int]) -> Connectivity {
        Connectivity(rule: .explicit(sources: .indices(sources), targets: .indices(targets)))
    }

    /// The rule with its parameters checked and index files read; errors name `path` (the `connectivity` object).
    func resolved(baseDirectory: URL, path: String) throws -> Connectivity {
        var r = self
        switch rule {
        case .pairwiseBernoulli(let p):
            if let problem = ParameterSpec.Constraint.probability.violation(p) { throw ConfigError(path: "\(path).p", problem: problem) }
        case .fixedIndegree(let k), .fixedOutdegree(let k):
            guard k >= 0 else { throw ConfigError(path: "\(path).K", problem: "must be >= 0, got \(k)") }
        case .fixedTotalNumber(let n):
            guard n >= 0 else { throw ConfigError(path: "\(path).N", problem: "must be >= 0, got \(n)") }
        case .explicit(let sources, let targets):
            let s = try Self.read(sources, baseDirectory: baseDirectory, path: "\(path).sources")
            let t = try Self.read(targets, baseDirectory: baseDirectory, path: "\(path).targets")
            guard s.count == t.count else {
                throw ConfigError(path: "\(path).targets", problem: "has \(t.count) entries but sources has \(s.count)")
            }
            r.rule = .explicit(sources: .indices(s), targets: .indices(t))
        case let .distanceBernoulli(c, lambda):
            if let problem = ParameterSpec.Constraint.probability.violation(c) { throw ConfigError(path: "\(path).C", problem: problem) }
            if let problem = ParameterSpec.Constraint.positive.violation(lambda) { throw ConfigError(path: "\(path).lambda", problem: problem) }
        case .allToAll, .oneToOne:
            break
        }
        return r
    }

    private static func read(_ list: IndexList, baseDirectory: URL, path: String) throws -> [Int] {
        switch list {
        case .indices(let values):
            for (i, x) in values.enumerated() where !(0..<2_147_483_648).contains(x) {
                throw ConfigError(path: "\(path)[\(i)]", problem: "must be a non-negative integer index, got \(x)")
            }
            return values
        case .file(let name):
            let values: [Double]
            do { values = try NpyArray.read(from: try existingFile(name, baseDirectory: baseDirectory, path: "\(path).file")).doubles() }
            catch let e as NpyError { throw ConfigError(path: "\(path).file", problem: e.description) }
            return try values.enumerated().map { i, x in
                guard x == x.rounded(), x >= 0, x < 2_147_483_648 else {
                    throw ConfigError(path: "\(path)[\(i)]", problem: "must be a non-negative integer index, got \(formatNumber(x))")
                }
                return Int(x)
            }
        }
    }
}

/// Connections as (source, target) index pairs, in the order the rule created them.
public struct ConnectionList: Sendable, Equatable {
    /// Source index of each connection.
    public var sources: [Int32] = []
    /// Target index of each connection.
    public var targets: [Int32] = []
    /// The number of connections.
    public var count: Int { sources.count }

    mutating func append(_ s: Int, _ t: Int) {
        sources.append(Int32(s))
        targets.append(Int32(t))
    }
}
