/// The neuron models a config can name, by their `name`. Built-in models are registered in `builtIn`; code that
/// embeds the library adds its own with `register(_:)` and passes the registry to `NetworkBuilder`.
public struct ModelRegistry: Sendable {
    public private(set) var models: [any NeuronModel.Type] = []

    public init() {}

    public static let builtIn: ModelRegistry = {
        var r = ModelRegistry()
        r.register(IafPscDelta.self)
        r.register(IafPscExp.self)
        r.register(IafCondExp.self)
        return r
    }()

    /// The input types a population may have instead of a neuron model.
    public static let inputNames = [PoissonGenerator.name, DCGenerator.name, SpikeGenerator.name, BernoulliInput.name]

    public mutating func register(_ model: any NeuronModel.Type) {
        models.removeAll { $0.name == model.name }
        models.append(model)
    }

    public func model(named name: String) -> (any NeuronModel.Type)? { models.first { $0.name == name } }

    /// Every name a population's `model` may take, sorted.
    public var allNames: [String] { (models.map { $0.name } + Self.inputNames).sorted() }
}
