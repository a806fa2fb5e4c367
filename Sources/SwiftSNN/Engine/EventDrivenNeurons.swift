import CSNNKernels

/// The neurons of one population as the event-driven engine drives them: each neuron's state as of its last
/// event, advanced lazily with the model's exact solution when the next event reaches it. Every change to a
/// neuron's future replaces its predicted threshold crossing in the engine's `CrossingQueue`, where the neuron's
/// id is `firstId` + its index.
protocol EventDrivenNeurons: AnyObject {
    /// The population with the neurons' current state (each neuron as of its last event).
    var population: any Population { get }
    /// Starts every neuron's clock at `t` and queues the crossings predicted from the initial state.
    func start(at t: Double, crossings: inout CrossingQueue)
    /// One spike's synaptic inputs reach neurons `targets[k]` with weights `weights[k]` at `t`, in that order (a
    /// whole row of a projection in one call, so the loop runs without a dynamic call per synapse). An input that
    /// is lost leaves the neuron's earlier prediction standing.
    func receive(targets: UnsafeBufferPointer<UInt32>, weights: UnsafeBufferPointer<Float>, at t: Double,
                 crossings: inout CrossingQueue)
    /// The generator current into neuron `i` changes by `pA` at `t`.
    func changeCurrent(_ i: Int, by pA: Double, at t: Double, crossings: inout CrossingQueue)
    /// Neuron `i`, whose predicted crossing is `t` and has just left the queue, fires: it resets, is refractory,
    /// and its crossing after the refractory period is queued.
    func fire(_ i: Int, at t: Double, crossings: inout CrossingQueue)
    /// Replaces neuron `i`'s queued lower bound on its crossing by the exact time (or removes it if it has none).
    func resolveCrossing(_ i: Int, crossings: inout CrossingQueue)
    /// Variable `v` of neuron `i` at `t` (not before its last event), from a copy evolved to `t`.
    func value(ofVariable v: Int, neuron i: Int, at t: Double) -> Double
    /// The first NaN or infinite state value (each neuron as of its last event), by variable then neuron: the
    /// numerical guard.
    func firstNonFiniteValue() -> (variable: Int, neuron: Int)?
    /// Writes the neurons' state and clocks between runs (a checkpoint; the engine saves their crossings).
    func save(to writer: inout CheckpointWriter)
    /// Reads what `save` wrote, refusing values no run at `nowMs` leaves (clocks after it, non-finite state).
    func restore(from reader: inout CheckpointReader, nowMs: Double) throws
    /// The population with every neuron evolved to `t` (no earlier than any neuron's last event), from copies: what
    /// a change between runs starts from.
    func population(at t: Double) -> any Population
    /// Goes on at `t` after a change between runs: these neurons were made from the changed `population(at: t)`
    /// of `previous`, which holds what the state does not (refractory periods, fired windows, generator
    /// currents); every neuron's crossing is predicted anew from `t`.
    func resume(after previous: any EventDrivenNeurons, at t: Double, crossings: inout CrossingQueue) throws
}

/// `EventDrivenNeurons` for a group of an exactly solvable model.
final class ExactNeurons<Model: ExactlySolvable>: EventDrivenNeurons {
    private let group: NeuronGroup<Model>
    private let model: Model
    private let firstId: Int
    private let count: Int
    // Raw buffers rather than arrays: this is a class, and mutating an array property of a class pays a runtime
    // exclusivity check on every write.
    private let state: UnsafeMutablePointer<Double>
    private let lastUpdateMs: UnsafeMutablePointer<Double>
    /// The end of the current or last refractory period; −∞ before the first spike.
    private let refractoryUntilMs: UnsafeMutablePointer<Double>
    private let scratch: UnsafeMutablePointer<Double>
    private let stimulusVariable: Int

    init(_ group: NeuronGroup<Model>, firstId: Int) {
        var group = group
        state = group.state.mutablePointer()
        self.group = group
        model = group.model
        self.firstId = firstId
        count = group.count
        guard let stimulus = Model.stimulusVariable else {
            preconditionFailure("\(Model.self) is ExactlySolvable and must name its stimulusVariable")
        }
        stimulusVariable = stimulus
        lastUpdateMs = .allocate(capacity: count)
        lastUpdateMs.initialize(repeating: 0, count: count)
        refractoryUntilMs = .allocate(capacity: count)
        refractoryUntilMs.initialize(repeating: -.infinity, count: count)
        scratch = .allocate(capacity: Model.stateVariables.count)
    }

    deinit {
        lastUpdateMs.deallocate()
        refractoryUntilMs.deallocate()
        scratch.deallocate()
    }

    func firstNonFiniteValue() -> (variable: Int, neuron: Int)? {
        let k = snn_first_nonfinite(state, Int64(Model.stateVariables.count * count))
        return k < 0 ? nil : (Int(k) / count, Int(k) % count)
    }

    func save(to writer: inout CheckpointWriter) {
        for (buffer, n) in [(state, Model.stateVariables.count * count), (lastUpdateMs, count), (refractoryUntilMs, count)] {
            writer.write(Array(UnsafeBufferPointer(start: buffer, count: n)))
        }
    }

    func restore(from reader: inout CheckpointReader, nowMs: Double) throws {
        let name = group.name
        let values = try reader.readArray(of: Double.self, "the state of population '\(name)'")
        let clocks = try reader.readArray(of: Double.self, "the clocks of population '\(name)'")
        let refractory = try reader.readArray(of: Double.self, "the refractory periods of population '\(name)'")
        guard values.count == Model.stateVariables.count * count, clocks.count == count, refractory.count == count else {
            throw SNNError("\(reader.source): the state of population '\(name)' has another size in the checkpoint")
        }
        // A run stops at the first non-finite value (the numerical guard), and no clock runs ahead of the run.
        guard values.allSatisfy(\.isFinite), clocks.allSatisfy({ $0.isFinite && $0 <= nowMs }),
              refractory.allSatisfy({ !$0.isNaN && $0 != .infinity }) else {
            throw SNNError("\(reader.source): population '\(name)' has impossible state or clocks (corrupt checkpoint)")
        }
        state.update(from: values, count: values.count)
        lastUpdateMs.update(from: clocks, count: count)
        refractoryUntilMs.update(from: refractory, count: count)
    }

    var population: any Population {
        var snapshot = group
        snapshot.state = Column(UnsafeBufferPointer(start: state, count: Model.stateVariables.count * count))
        return snapshot
    }

    func start(at t: Double, crossings: inout CrossingQueue) {
        for i in 0..<count {
            lastUpdateMs[i] = t
            predict(i, at: t, crossings: &crossings)
        }
    }

    func population(at t: Double) -> any Population {
        let variables = Model.stateVariables.count
        var values = Array(UnsafeBufferPointer(start: state, count: variables * count))
        for i in 0..<count where t > lastUpdateMs[i] {
            let copy = copied(i)
            evolve(copy, from: lastUpdateMs[i], to: t, refractoryUntil: refractoryUntilMs[i])
            for v in 0..<variables { values[v * count + i] = copy[v] }
        }
        var snapshot = group
        snapshot.state = Column(values)
        return snapshot
    }

    func resume(after previous: any EventDrivenNeurons, at t: Double, crossings: inout CrossingQueue) throws {
        guard let previous = previous as? ExactNeurons<Model>, previous.count == count else {
            throw SNNError("population '\(group.name)' changed its model or size; a change between runs keeps the network's structure")
        }
        refractoryUntilMs.update(from: previous.refractoryUntilMs, count: count)
        start(at: t, crossings: &crossings)
    }

    // The engine reaches this through `any EventDrivenNeurons`, which would run the generic body with a witness
    // call per model method per synapse; these give the built-in models a specialised body, chosen at run time.
    @_specialize(where Model == IafPscDelta)
    @_specialize(where Model == IafPscExp)
    func receive(targets: UnsafeBufferPointer<UInt32>, weights: UnsafeBufferPointer<Float>, at t: Double,
                 crossings: inout CrossingQueue) {
        for k in targets.indices {
            let i = Int(targets[k])
            advance(i, to: t)
            guard model.receive(slot(i), weight: Double(weights[k]), refractory: t <= refractoryUntilMs[i]) else { continue }
            predict(i, at: t, crossings: &crossings)
        }
    }

    func changeCurrent(_ i: Int, by pA: Double, at t: Double, crossings: inout CrossingQueue) {
        advance(i, to: t)
        slot(i)[stimulusVariable] += pA
        predict(i, at: t, crossings: &crossings)
    }

    func fire(_ i: Int, at t: Double, crossings: inout CrossingQueue) {
        advance(i, to: t)
        model.reset(slot(i))
        refractoryUntilMs[i] = t + model.refractoryMs
        predict(i, at: t, crossings: &crossings)
    }

    /// The neuron's state has not changed since the bound was queued (any change queues a new prediction; an
    /// input lost in the refractory period only moves its clock, which the refractory solution makes no
    /// difference to), so this is the time the prediction would have had if computed then.
    func resolveCrossing(_ i: Int, crossings: inout CrossingQueue) {
        crossings.set(firstId + i, to: exactCrossing(i, at: lastUpdateMs[i]))
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

    /// Queues neuron `i`'s next threshold crossing from its state at `t`: the model's lower bound if it has one.
    private func predict(_ i: Int, at t: Double, crossings: inout CrossingQueue) {
        let r = refractoryUntilMs[i]
        if t >= r, let bound = model.thresholdLowerBound(slot(i)) {
            crossings.set(firstId + i, notBefore: t + bound)
        } else {
            crossings.set(firstId + i, to: exactCrossing(i, at: t))
        }
    }

    /// The time of neuron `i`'s next threshold crossing from its state at `t`, if there is one.
    private func exactCrossing(_ i: Int, at t: Double) -> Double? {
        let r = refractoryUntilMs[i]
        if t < r {
            let copy = copied(i)
            model.evolveRefractory(copy, by: r - t)
            return model.timeToThreshold(copy).map { r + $0 }
        }
        return model.timeToThreshold(slot(i)).map { t + $0 }
    }
}

/// Populations the event-driven engine can drive: groups of exactly solvable models.
protocol EventDrivenPopulation {
    /// Checks the parameters (`populationIndex` names them in errors); `firstId`: the id of neuron 0 in the
    /// engine's `CrossingQueue`.
    func makeEventDrivenNeurons(populationIndex: Int, firstId: Int) throws -> any EventDrivenNeurons
}

extension NeuronGroup: EventDrivenPopulation where Model: ExactlySolvable {
    func makeEventDrivenNeurons(populationIndex: Int, firstId: Int) throws -> any EventDrivenNeurons {
        try model.checkExactSolution(paramsPath: "populations[\(populationIndex)].params")
        return ExactNeurons(self, firstId: firstId)
    }
}

/// A population of neurons of a named model, for messages.
protocol ModelPopulation {
    var modelName: String { get }
}

extension NeuronGroup: ModelPopulation {
    var modelName: String { Model.name }
}
