/// The neuron models, inputs and modulator types a config can name. Built-in models and inputs are registered in
/// `builtIn`; code that embeds the library adds its own with `register(_:)` and passes the registry to
/// `NetworkBuilder` or `Simulation`.
public struct ModelRegistry: Sendable {
    /// Registered neuron models.
    public private(set) var models: [any NeuronModel.Type] = []
    /// Registered inputs.
    public private(set) var inputs: [any InputModel.Type] = []
    /// Modulator types beside the built-in ones.
    public private(set) var modulators: [any ModulatorType.Type] = []

    /// An empty registry (`builtIn` has the built-in models and inputs).
    public init() {}

    /// The built-in models and inputs.
    public static let builtIn: ModelRegistry = {
        var r = ModelRegistry()
        r.register(IafPscDelta.self)
        r.register(IafPscExp.self)
        r.register(IafPscAlpha.self)
        r.register(IafCondExp.self)
        r.register(IafCondAlpha.self)
        r.register(Mat2PscExp.self)
        r.register(Izhikevich.self)
        r.register(AeifCondExp.self)
        r.register(AeifPscExp.self)
        r.register(AstrocyteLR1994.self)
        r.register(NalsmLIF.self)
        r.register(SnnTorchLeaky.self)
        r.register(SnnTorchSynaptic.self)
        r.register(SpikingJellyLIF.self)
        r.register(LavaCubaLIF.self)
        r.register(ParrotNeuron.self)
        r.register(WindowIntegrator.self)
        r.register(LeakyIntegrator.self)
        r.register(ReadoutIntegrator.self)
        r.register(PyNNCell<IFCurrExp>.self)
        r.register(PyNNCell<IFCurrAlpha>.self)
        r.register(PyNNCell<IFCondExp>.self)
        r.register(PyNNCell<IFCondAlpha>.self)
        r.register(PyNNCell<IzhikevichCell>.self)
        r.register(PyNNCell<EIFCondExpIsfaIsta>.self)
        r.register(input: PoissonGenerator.self)
        r.register(input: DCGenerator.self)
        r.register(input: SpikeGenerator.self)
        r.register(input: BernoulliInput.self)
        return r
    }()

    /// Adds a neuron model (or replaces the one of the same name).
    public mutating func register(_ model: any NeuronModel.Type) {
        models.removeAll { $0.name == model.name }
        models.append(model)
    }

    /// Adds an input type (or replaces the one of the same name).
    public mutating func register(input: any InputModel.Type) {
        inputs.removeAll { $0.name == input.name }
        inputs.append(input)
    }

    /// Adds a modulator type (or replaces the one of the same name).
    public mutating func register(modulator: any ModulatorType.Type) {
        modulators.removeAll { $0.name == modulator.name }
        modulators.append(modulator)
    }

    /// The neuron model named `name`, if registered.
    public func model(named name: String) -> (any NeuronModel.Type)? { models.first { $0.name == name } }

    /// The modulator type named `name`, if registered.
    public func modulator(named name: String) -> (any ModulatorType.Type)? { modulators.first { $0.name == name } }

    /// Every `type` a modulator may have: the built-in ones, then the registered ones.
    public var modulatorNames: [String] { ModulatorSpec.typeNames + modulators.map { $0.name }.sorted() }

    /// The input named `name`, if registered.
    public func input(named name: String) -> (any InputModel.Type)? { inputs.first { $0.name == name } }

    /// Every name a population's `model` may take, sorted.
    public var allNames: [String] { (models.map { $0.name } + inputs.map { $0.name }).sorted() }
}
