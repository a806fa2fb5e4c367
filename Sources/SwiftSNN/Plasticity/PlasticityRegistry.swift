/// The plasticity rules a config can name. Built-in rules are in `builtIn`; code that embeds the library adds its
/// own rule type with `register(_:as:)` and passes the registry to `Simulation(config:registry:)`:
///
///     var rules = PlasticityRegistry.builtIn
///     rules.register(MyRule.self, as: "my_rule")
public struct PlasticityRegistry: Sendable {
    public private(set) var rules: [(name: String, type: any PlasticityRule.Type)] = []

    public init() {}

    public static let builtIn: PlasticityRegistry = {
        var r = PlasticityRegistry()
        r.register(PairSTDP.self, as: PairSTDP.name)
        r.register(TripletSTDP.self, as: TripletSTDP.name)
        r.register(SignedSTDP.self, as: SignedSTDP.name)
        r.register(HebbianOja.self, as: HebbianOja.name)
        r.register(BCM.self, as: BCM.name)
        r.register(ThreeFactor.self, as: ThreeFactor.name)
        return r
    }()

    public mutating func register(_ rule: any PlasticityRule.Type, as name: String) {
        rules.removeAll { $0.name == name }
        rules.append((name, rule))
    }

    public func rule(named name: String) -> (any PlasticityRule.Type)? { rules.first { $0.name == name }?.type }

    public var names: [String] { rules.map(\.name).sorted() }
}
