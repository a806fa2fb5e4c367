/// The neuron models a config can name, by their `name`. Built-in models are registered in `builtIn`; code that
/// embeds the library adds its own with `register(_:)` and passes the registry to `NetworkBuilder`.
public struct ModelRegistry: Sendable {
    public private(set) var models: [any NeuronModel.Type] = []
    public private(set) var inputs: [any InputModel.Type] = []

    public init() {}

    public static let builtIn: ModelRegistry = {
        var r = ModelRegistry()
        r.register(IafPscDelta.self)
        r.register(IafPscExp.self)
        r.register(IafCondExp.self)
        r.register(input: PoissonGenerator.self)
        r.register(input: DCGenerator.self)
        r.register(input: SpikeGenerator.self)
        r.register(input: BernoulliInput.self)
        return r
    }()

    public mutating func register(_ model: any NeuronModel.Type) {
        models.removeAll { $0.name == model.name }
        models.append(model)
    }

    /// Adds an input type (or replaces the one of the same name).
    public mutating func register(input: any InputModel.Type) {
        inputs.removeAll { $0.name == input.name }
        inputs.append(input)
    }

    public func model(named name: String) -> (any NeuronModel.Type)? { models.first { $0.name == name } }

    public func input(named name: String) -> (any InputModel.Type)? { inputs.first { $0.name == name } }

    /// Every name a population's `model` may take, sorted.
    public var allNames: [String] { (models.map { $0.name } + inputs.map { $0.name }).sorted() }
}
