/// The plasticity rules a config can name: per-synapse rules (`PlasticityRule`) and rules over a whole weight
/// matrix (`MatrixPlasticityRule`), in one name space, and delay rules (`DelayPlasticityRule`,
/// `"delay_plasticity"`) in their own. Built-in rules are in `builtIn`; code that embeds the
/// library adds its own rule type with `register(_:as:)` and passes the registry to `Simulation(config:registry:)`:
///
///     var rules = PlasticityRegistry.builtIn
///     rules.register(MyRule.self, as: "my_rule")
public struct PlasticityRegistry: Sendable {
    /// Registered trace rules, by name.
    public private(set) var rules: [(name: String, type: any PlasticityRule.Type)] = []
    /// Registered matrix rules, by name.
    public private(set) var matrixRules: [(name: String, type: any MatrixPlasticityRule.Type)] = []
    /// Registered delay rules, by name.
    public private(set) var delayRules: [(name: String, type: any DelayPlasticityRule.Type)] = []

    /// An empty registry (`builtIn` has the built-in rules).
    public init() {}

    /// The built-in rules.
    public static let builtIn: PlasticityRegistry = {
        var r = PlasticityRegistry()
        r.register(PairSTDP.self, as: PairSTDP.name)
        r.register(TripletSTDP.self, as: TripletSTDP.name)
        r.register(SignedSTDP.self, as: SignedSTDP.name)
        r.register(HebbianOja.self, as: HebbianOja.name)
        r.register(BCM.self, as: BCM.name)
        r.register(ThreeFactor.self, as: ThreeFactor.name)
        r.register(OjaSubspace.self, as: OjaSubspace.name)
        r.register(DelayShift.self, as: DelayShift.name)
        r.register(DelayReSuMe.self, as: DelayReSuMe.name)
        return r
    }()

    /// Adds a trace rule under `name` (or replaces the rule of that name).
    public mutating func register(_ rule: any PlasticityRule.Type, as name: String) {
        remove(name)
        rules.append((name, rule))
    }

    /// Adds a matrix rule under `name` (or replaces the rule of that name).
    public mutating func register(_ rule: any MatrixPlasticityRule.Type, as name: String) {
        remove(name)
        matrixRules.append((name, rule))
    }

    /// Adds a delay rule under `name` (or replaces the delay rule of that name).
    public mutating func register(_ rule: any DelayPlasticityRule.Type, as name: String) {
        delayRules.removeAll { $0.name == name }
        delayRules.append((name, rule))
    }

    /// The delay rule named `name`, if registered.
    public func delayRule(named name: String) -> (any DelayPlasticityRule.Type)? {
        delayRules.first { $0.name == name }?.type
    }

    /// Every delay rule, by name.
    public var delayRuleTables: [(name: String, summary: String, parameters: [ParameterSpec])] {
        delayRules.map { ($0.name, $0.type.summary, $0.type.parameters) }.sorted { $0.name < $1.name }
    }

    private mutating func remove(_ name: String) {
        rules.removeAll { $0.name == name }
        matrixRules.removeAll { $0.name == name }
    }

    /// The trace rule named `name`, if registered.
    public func rule(named name: String) -> (any PlasticityRule.Type)? { rules.first { $0.name == name }?.type }

    /// The matrix rule named `name`, if registered.
    public func matrixRule(named name: String) -> (any MatrixPlasticityRule.Type)? {
        matrixRules.first { $0.name == name }?.type
    }

    /// Every rule of either kind, by name: what `snn models` and the schema list.
    public var tables: [(name: String, summary: String, parameters: [ParameterSpec])] {
        (rules.map { ($0.name, $0.type.summary, $0.type.parameters) }
            + matrixRules.map { ($0.name, $0.type.summary, $0.type.parameters) }).sorted { $0.name < $1.name }
    }

    /// Every registered name, sorted.
    public var names: [String] { tables.map(\.name) }
}
