/// The neurons of one population: a model and its state as structure of arrays (variable `v` of neuron `i` at
/// `state[v * count + i]`, refractory counters in their own column). Generic over the model, so the step loop is
/// specialised for each model and has no dynamic calls.
public struct NeuronGroup<Model: NeuronModel>: Population {
    public var name: String
    public var model: Model
    public var state: [Double]
    public var refractorySteps: [Int32]
    public let count: Int

    public init(name: String, model: Model, count: Int) {
        self.name = name
        self.model = model
        self.count = count
        state = [Double](repeating: 0, count: Model.stateVariables.count * count)
        refractorySteps = [Int32](repeating: 0, count: count)
        for v in Model.stateVariables.indices {
            let x = model.defaultInitialValue(of: v)
            for i in 0..<count { state[v * count + i] = x }
        }
    }

    public var ports: InputPorts? { Model.ports }
    public var variableNames: [String] { Model.stateVariables.map(\.name) }

    /// Sets variable `variable` of every neuron, drawing random initial values from one stream per neuron.
    public mutating func initialize(variable: Int, with spec: ValueSpec, seed: UInt64, populationIndex: Int) {
        for i in 0..<count {
            var rng = RandomStream(seed: seed, purpose: .initialState, UInt64(populationIndex) << 32 | UInt64(variable), UInt64(i))
            state[variable * count + i] = spec.value(at: i, using: &rng)
        }
    }

    public mutating func update(step: Int, input: UnsafePointer<Double>?, spikes: inout [Int32]) {
        let (model, count) = (self.model, self.count)
        state.withUnsafeMutableBufferPointer { s in
            refractorySteps.withUnsafeMutableBufferPointer { r in
                model.update(state: s.baseAddress!, refractory: r.baseAddress!, count: count, range: 0..<count,
                             input: input!, spikes: &spikes)
            }
        }
    }

    public func value(ofVariable variable: Int, neuron: Int) -> Double { state[variable * count + neuron] }
}
