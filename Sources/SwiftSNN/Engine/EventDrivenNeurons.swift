/// The neurons of one population as the event-driven engine drives them: each neuron's state as of its last
/// event, advanced lazily with the model's exact solution when the next event reaches it.
protocol EventDrivenNeurons: AnyObject {
    /// The population with the neurons' current state (each neuron as of its last event).
    var population: any Population { get }
    /// Starts every neuron's clock at `t` and returns the threshold crossings predicted from the initial state.
    func start(at t: Double) -> [ScheduledEvent]
    /// A synaptic input of weight `w` reaches neuron `i` at `t`. Returns the neuron's new predicted crossing; nil
    /// if there is none or the input was lost (then the earlier prediction stands).
    func receive(_ i: Int, weight w: Double, at t: Double) -> ScheduledEvent?
    /// The generator current into neuron `i` changes by `pA` at `t`. Returns the new predicted crossing, if any.
    func changeCurrent(_ i: Int, by pA: Double, at t: Double) -> ScheduledEvent?
    /// Neuron `i` fires at `t` if `version` is still its version (no input since the prediction). Returns whether
    /// it fired and, if so, the crossing predicted after its refractory period.
    func fire(_ i: Int, version: Int64, at t: Double) -> (fired: Bool, next: ScheduledEvent?)
    /// Variable `v` of neuron `i` at `t` (not before its last event), from a copy evolved to `t`.
    func value(ofVariable v: Int, neuron i: Int, at t: Double) -> Double
}

/// `EventDrivenNeurons` for a group of an exactly solvable model.
final class ExactNeurons<Model: ExactlySolvable>: EventDrivenNeurons {
    private var group: NeuronGroup<Model>
    private let model: Model
    private let populationIndex: Int32
    private let count: Int
    private let state: UnsafeMutablePointer<Double>
    private var lastUpdateMs: [Double]
    /// The end of the current or last refractory period; −∞ before the first spike.
    private var refractoryUntilMs: [Double]
    /// Bumped whenever a neuron's future changes, so that crossings predicted before are recognised as stale.
    private var version: [Int64]
    private let scratch: UnsafeMutablePointer<Double>

    init(_ group: NeuronGroup<Model>, populationIndex: Int) {
        self.group = group
        model = group.model
        self.populationIndex = Int32(populationIndex)
        count = group.count
        state = self.group.state.mutablePointer()
        lastUpdateMs = [Double](repeating: 0, count: count)
        refractoryUntilMs = [Double](repeating: -.infinity, count: count)
        version = [Int64](repeating: 0, count: count)
        scratch = .allocate(capacity: Model.stateVariables.count)
    }

    deinit { scratch.deallocate() }

    var population: any Population {
        var snapshot = group
        snapshot.state = Column(UnsafeBufferPointer(start: state, count: Model.stateVariables.count * count))
        return snapshot
    }

    func start(at t: Double) -> [ScheduledEvent] {
        (0..<count).compactMap { i in
            lastUpdateMs[i] = t
            return predict(i, at: t)
        }
    }

    func receive(_ i: Int, weight w: Double, at t: Double) -> ScheduledEvent? {
        advance(i, to: t)
        guard model.receive(slot(i), weight: w, refractory: t <= refractoryUntilMs[i]) else { return nil }
        return predict(i, at: t)
    }

    func changeCurrent(_ i: Int, by pA: Double, at t: Double) -> ScheduledEvent? {
        advance(i, to: t)
        slot(i)[Model.stimulusVariable] += pA
        return predict(i, at: t)
    }

    func fire(_ i: Int, version expected: Int64, at t: Double) -> (fired: Bool, next: ScheduledEvent?) {
        guard version[i] == expected else { return (false, nil) }
        advance(i, to: t)
        model.reset(slot(i))
        refractoryUntilMs[i] = t + model.refractoryMs
        return (true, predict(i, at: t))
    }

    func value(ofVariable v: Int, neuron i: Int, at t: Double) -> Double {
        let copy = copied(i)
        if t > lastUpdateMs[i] { evolve(copy, from: lastUpdateMs[i], to: t, refractoryUntil: refractoryUntilMs[i]) }
        return copy[v]
    }

    private func slot(_ i: Int) -> NeuronSlot { NeuronSlot(base: state + i, stride: count) }

    /// Neuron `i`'s variables in the scratch buffer.
    private func copied(_ i: Int) -> NeuronSlot {
        for v in 0..<Model.stateVariables.count { scratch[v] = state[v * count + i] }
        return NeuronSlot(base: scratch, stride: 1)
    }

    private func advance(_ i: Int, to t: Double) {
        guard t > lastUpdateMs[i] else { return }
        evolve(slot(i), from: lastUpdateMs[i], to: t, refractoryUntil: refractoryUntilMs[i])
        lastUpdateMs[i] = t
    }

    private func evolve(_ neuron: NeuronSlot, from t0: Double, to t1: Double, refractoryUntil r: Double) {
        if t1 <= r {
            model.evolveRefractory(neuron, by: t1 - t0)
        } else if t0 < r {
            model.evolveRefractory(neuron, by: r - t0)
            model.evolve(neuron, by: t1 - r)
        } else {
            model.evolve(neuron, by: t1 - t0)
        }
    }

    /// Neuron `i`'s next threshold crossing from its state at `t`, under a new version.
    private func predict(_ i: Int, at t: Double) -> ScheduledEvent? {
        version[i] += 1
        let r = refractoryUntilMs[i]
        let from: Double, wait: Double?
        if t < r {
            let copy = copied(i)
            model.evolveRefractory(copy, by: r - t)
            from = r
            wait = model.timeToThreshold(copy)
        } else {
            from = t
            wait = model.timeToThreshold(slot(i))
        }
        guard let wait else { return nil }
        return ScheduledEvent(timeMs: from + wait, kind: .spike, population: populationIndex, neuron: Int32(i),
                              stream: 0, index: version[i])
    }
}

/// Populations the event-driven engine can drive: groups of exactly solvable models.
protocol EventDrivenPopulation {
    func makeEventDrivenNeurons(populationIndex: Int) throws -> any EventDrivenNeurons
}

extension NeuronGroup: EventDrivenPopulation where Model: ExactlySolvable {
    func makeEventDrivenNeurons(populationIndex: Int) throws -> any EventDrivenNeurons {
        try model.checkExactSolution(paramsPath: "populations[\(populationIndex)].params")
        return ExactNeurons(self, populationIndex: populationIndex)
    }
}

/// A population of neurons of a named model, for messages.
protocol ModelPopulation {
    var modelName: String { get }
}

extension NeuronGroup: ModelPopulation {
    var modelName: String { Model.name }
}
