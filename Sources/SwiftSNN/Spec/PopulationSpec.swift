/// A population: `size` neurons of one neuron model, or an input (`poisson_generator`, `dc_generator`,
/// `spike_generator`, `bernoulli_input`), with its parameters and initial state.
public struct PopulationSpec: Sendable, Equatable {
    /// Unique name that projections, recorders and the driving API refer to.
    public var name: String
    /// Number of neurons (at least 1, below 2^31).
    public var size: Int
    /// A neuron model's or an input's name (`iaf_psc_exp`), as registered in the `ModelRegistry`.
    public var model: String
    /// Parameter values by key; keys left out take the model's defaults (NEST's).
    public var params: [String: ParameterValue]
    /// Initial values of state variables by name (`V_m`); variables left out start at the model's default.
    public var initial: [String: ValueSpec]

    /// A population of the model or input registered as `model`, its parameters by config key.
    public init(name: String, size: Int, model: String, params: [String: ParameterValue] = [:],
                initial: [String: ValueSpec] = [:]) {
        self.name = name
        self.size = size
        self.model = model
        self.params = params
        self.initial = initial
    }

    /// A population of a model given by its typed parameters (`IafPscExp.Parameters(...)`); `perNeuron` gives
    /// some of the model's per-neuron parameters (`NeuronModel.perNeuronParameters`) per neuron instead, e.g.
    /// `["c": .expression(try ValueExpression("-65 + 15*r^2"))]` for `Izhikevich.Parameters`.
    public init<P: ModelParameters>(name: String, size: Int, _ parameters: P, perNeuron: [String: ValueSpec] = [:],
                                    initial: [String: ValueSpec] = [:]) {
        self.init(name: name, size: size, model: P.modelName,
                  params: parameters.values.mapValues(ParameterValue.number)
                      .merging(parameters.choices.mapValues(ParameterValue.text)) { $1 }
                      .merging(perNeuron.mapValues(ParameterValue.values)) { $1 },
                  initial: initial)
    }
}
