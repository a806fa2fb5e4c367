import CSNNKernels

/// The neurons of one population: a model and its state as structure of arrays (variable `v` of neuron `i` at
/// `state[v * count + i]`, refractory counters in their own column). Generic over the model, so the step loop is
/// specialised for each model and has no dynamic calls.
public struct NeuronGroup<Model: NeuronModel>: Population {
    /// The population's name.
    public var name: String
    /// The model, built from `parameters`.
    public var model: Model
    /// State variables, variable `v` of neuron `i` at `v * count + i`.
    public var state: Column<Double>
    /// Steps of refractoriness left, per neuron.
    public var refractorySteps: Column<Int32>
    /// The number of neurons.
    public let count: Int
    /// The values `model` was built from, when it was built from a parameter table (`setParameter` needs them).
    public private(set) var parameters: ParameterValues?
    /// Where each step's spikes are written before they are appended to the engine's list; a thread advancing
    /// neurons `range` uses entries `range` only.
    private var fired: Column<Int32>

    /// A population of `model`'s neurons, `parameters` being the values it was built from, if any.
    public init(name: String, model: Model, count: Int, parameters: ParameterValues? = nil) {
        self.name = name
        self.model = model
        self.count = count
        self.parameters = parameters
        var state = [Double](repeating: 0, count: Model.stateVariables.count * count)
        for v in Model.stateVariables.indices {
            let x = model.defaultInitialValue(of: v)
            for i in 0..<count { state[v * count + i] = x }
        }
        self.state = Column(state)
        refractorySteps = Column(repeating: 0, count: count)
        fired = Column(repeating: 0, count: count)
    }

    public var ports: InputPorts? { Model.ports }
    public var variableNames: [String] { Model.stateVariables.map(\.name) }

    /// Sets variable `variable` of every neuron, drawing random initial values from one stream per neuron, keyed
    /// by the population's name (`RandomStream.key`), the variable and the neuron. An expression takes the
    /// neuron's r (`neuronRandom(_:seed:)`), the same for every variable.
    public mutating func initialize(variable: Int, with spec: ValueSpec, seed: UInt64) {
        let population = RandomStream.key(name) ^ UInt64(variable)
        for i in 0..<count {
            if case .expression(let e) = spec {
                state[variable * count + i] = e.value(r: neuronRandom(i, seed: seed))
                continue
            }
            var rng = RandomStream(seed: seed, purpose: .initialState, population, UInt64(i))
            state[variable * count + i] = spec.value(at: i, using: &rng)
        }
    }

    /// Neuron `neuron`'s r, uniform in [0, 1), which every `ValueExpression` of the population reads: one stream per
    /// neuron keyed by the population's name, so r does not depend on which variables use it or on the order.
    public func neuronRandom(_ neuron: Int, seed: UInt64) -> Double {
        var rng = RandomStream(seed: seed, purpose: .neuronRandom, RandomStream.key(name), UInt64(neuron))
        return rng.nextUniform()
    }

    public mutating func makeStepper() -> any PopulationStepper {
        let count = count
        let stimulusPending = Model.stimulusVariable.map { v in state[(v * count)..<((v + 1) * count)].contains { $0 != 0 } } ?? false
        return Stepper(model: model, state: state.mutablePointer(), refractory: refractorySteps.mutablePointer(),
                       fired: fired.mutablePointer(), count: count, stimulusPending: stimulusPending)
    }

    /// State variable `variable` of neuron `neuron`.
    public func value(ofVariable variable: Int, neuron: Int) -> Double { state[variable * count + neuron] }

    /// The first NaN or infinite state value, by variable then neuron (one vectorised pass, CSNNKernels).
    public func firstNonFiniteValue() -> (variable: Int, neuron: Int)? {
        let k = snn_first_nonfinite(state.baseAddress, Int64(state.count))
        return k < 0 ? nil : (Int(k) / count, Int(k) % count)
    }

    public mutating func setValues(ofVariable variable: Int, to values: [Double]) throws {
        guard values.count == count else {
            throw SNNError("\(Model.stateVariables[variable].name) of '\(name)': \(values.count) values given, expected \(count) (one per neuron)")
        }
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw SNNError("\(Model.stateVariables[variable].name) of '\(name)'[\(i)]: must be a finite number, got \(formatNumber(values[i]))")
        }
        for (i, x) in values.enumerated() { state[variable * count + i] = x }
    }

    /// Builds the model anew from the changed values, so that propagators derived from the parameter follow; a
    /// per-neuron parameter (`NeuronModel.perNeuronParameters`) takes `value` in every neuron.
    public mutating func setParameter(_ key: String, to value: Double, grid: TimeGrid) throws {
        guard let parameters else {
            throw SNNError("population '\(name)' was built from a model value, not from parameters; replace its model instead")
        }
        let changed = try parameters.setting(key, to: value, specs: Model.parameters)
        model = try Model(changed, dtMs: grid.dtMs)
        self.parameters = changed
        if let v = Self.perNeuronVariable(key) {
            for i in 0..<count { state[v * count + i] = value }
        }
    }

    /// Sets a per-neuron parameter (`NeuronModel.perNeuronParameters`) of each neuron, checked against the model's
    /// parameter table.
    public mutating func setParameter(_ key: String, perNeuron values: [Double]) throws {
        guard let v = Self.perNeuronVariable(key), let spec = Model.parameters.first(where: { $0.key == key }) else {
            let perNeuron = Model.perNeuronParameters
            throw SNNError("\(Model.name) keeps one \(key) for the whole population; per neuron: \(perNeuron.isEmpty ? "none" : perNeuron.joined(separator: ", "))")
        }
        if let i = values.indices.first(where: { spec.constraint.violation(values[$0]) != nil }) {
            throw SNNError("\(key) of '\(name)'[\(i)]: \(spec.constraint.violation(values[i])!)")
        }
        try setValues(ofVariable: v, to: values)
    }

    /// The state variable that holds per-neuron parameter `key`, if the model keeps `key` per neuron.
    static func perNeuronVariable(_ key: String) -> Int? {
        guard Model.perNeuronParameters.contains(key) else { return nil }
        return Model.stateVariables.firstIndex { $0.name == key }
    }

    struct Stepper: PopulationStepper, @unchecked Sendable {
        let model: Model
        let state: UnsafeMutablePointer<Double>
        let refractory: UnsafeMutablePointer<Int32>
        let fired: UnsafeMutablePointer<Int32>
        let count: Int
        /// I_stim was not 0 when the run began: the current plane stays live for this run, so that it is applied
        /// and cleared even if no generator feeds the plane.
        let stimulusPending: Bool

        func step(_ step: Int, range: Range<Int>, input: StepInput?, spikes: inout [Int32]) {
            let buffer = fired + range.lowerBound
            let input = stimulusPending ? input!.including(plane: Model.ports.current) : input!
            let n = model.update(state: state, refractory: refractory, count: count, range: range, input: input,
                                 fired: buffer)
            spikes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: n))
        }
    }
}
