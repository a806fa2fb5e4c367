/// State that a checkpoint carries across processes: a population's or a plastic projection's dynamical state,
/// written and read in one fixed order. What is built from the spec (parameters, synapse tables, spike
/// times) is not written: a checkpoint is restored into a network built anew from the same spec. Populations and
/// projections that do not conform make `Simulation.checkpoint(to:)` refuse, rather than restore them wrongly.
protocol CheckpointState {
    func save(to writer: inout CheckpointWriter)
    mutating func restore(from reader: inout CheckpointReader) throws
}

/// What has no state of its own between steps: it conforms, so that a checkpoint takes it, and writes nothing.
protocol CheckpointStateless: CheckpointState {}

extension CheckpointStateless {
    func save(to writer: inout CheckpointWriter) {}
    mutating func restore(from reader: inout CheckpointReader) throws {}
}

extension NeuronGroup: CheckpointState {
    func save(to writer: inout CheckpointWriter) {
        writer.write(state)
        writer.write(refractorySteps)
    }

    mutating func restore(from reader: inout CheckpointReader) throws {
        try reader.read(into: &state, "the state of population '\(name)'")
        try reader.read(into: &refractorySteps, "the refractory counters of population '\(name)'")
    }
}

extension BernoulliInput: CheckpointState {
    func save(to writer: inout CheckpointWriter) { writer.write(streams) }

    mutating func restore(from reader: inout CheckpointReader) throws {
        try reader.read(into: &streams, "the random streams of input '\(name)'")
    }
}

/// Stateless during a run: what they send follows from the spec and the step (Poisson generators' streams are
/// the engine's, per synapse).
extension PoissonGenerator: CheckpointStateless {}
extension DCGenerator: CheckpointStateless {}
extension SpikeGenerator: CheckpointStateless {}

/// Weights (and their double-precision copies), the rule's per-synapse variable, the pre- and postsynaptic traces
/// the deferred postsynaptic spikes (`PostSpikeHistory`) and changing delays (`LearnedDelays`); the rule itself is
/// rebuilt from the spec.
extension PlasticProjection: CheckpointState {
    func save(to writer: inout CheckpointWriter) {
        for column in [preTrace1, preTrace2, postTrace1, postTrace2, synapseTraces, exactWeights,
                       history.preTrace1, history.preTrace2] {
            writer.write(column)
        }
        writer.write(weights)
        writer.write(arrivalsThisStep)
        writer.write(history.spikes)
        writer.write(history.counts)
        writer.write(history.latest)
        writer.write(history.lastArrival)
        learnedDelays?.save(to: &writer)
    }

    mutating func restore(from reader: inout CheckpointReader) throws {
        let what = "plastic projection \(projectionIndex)"
        for column in [\Self.preTrace1, \.preTrace2, \.postTrace1, \.postTrace2, \.synapseTraces, \.exactWeights,
                       \.history.preTrace1, \.history.preTrace2] {
            try reader.read(into: &self[keyPath: column], "the traces of \(what)")
        }
        try reader.read(into: &weights, "the weights of \(what)")
        try reader.read(into: &arrivalsThisStep, "the arrivals of \(what)")
        try reader.read(into: &history.spikes, "the postsynaptic history of \(what)")
        try reader.read(into: &history.counts, "the postsynaptic history of \(what)")
        guard history.counts.allSatisfy({ (0...Int32(PostSpikeHistory.depth)).contains($0) }) else {
            throw SNNError("\(reader.source): the postsynaptic history of \(what) holds an impossible count (corrupt checkpoint)")
        }
        try reader.read(into: &history.latest, "the postsynaptic history of \(what)")
        try reader.read(into: &history.lastArrival, "the postsynaptic history of \(what)")
        if learnedDelays != nil { try learnedDelays!.restore(from: &reader, what) }
    }
}

/// Weights (and their double-precision copies), the rule's per-synapse variable and the presynaptic counts of
/// the period under way; the rule itself is rebuilt from the spec.
extension MatrixPlasticProjection: CheckpointState {
    func save(to writer: inout CheckpointWriter) {
        writer.write(weights)
        writer.write(exactWeights)
        writer.write(synapseState)
        writer.write(periodCounts)
    }

    mutating func restore(from reader: inout CheckpointReader) throws {
        let what = "plastic projection \(projectionIndex)"
        try reader.read(into: &weights, "the weights of \(what)")
        try reader.read(into: &exactWeights, "the weights of \(what)")
        try reader.read(into: &synapseState, "the rule's variable of \(what)")
        try reader.read(into: &periodCounts, "the period's spike counts of \(what)")
    }
}

/// Delays that change during the run: each synapse's delay, and the arrivals, postsynaptic and teacher spikes
/// the rule may still pair (`recentArrivals`, …), per target. The rule is rebuilt from the spec.
extension LearnedDelays {
    func save(to writer: inout CheckpointWriter) {
        writer.write(delayMs)
        writer.write(delaySteps)
        for arrivals in recentArrivals {
            writer.write(arrivals.map(\.synapse))
            writer.write(arrivals.map(\.timeMs))
        }
        for spikes in recentPostSpikesMs + recentTeacherSpikesMs { writer.write(spikes) }
    }

    /// Reads what `save` wrote; `what` names the projection in errors.
    mutating func restore(from reader: inout CheckpointReader, _ what: String) throws {
        try reader.read(into: &delayMs, "the delays of \(what)")
        try reader.read(into: &delaySteps, "the delays of \(what)")
        let bounds = rule?.delayBoundsMs ?? 0...Double.greatestFiniteMagnitude
        guard delayMs.allSatisfy({ $0.isFinite && bounds.contains($0) }),
              delaySteps.allSatisfy({ Int($0) <= boundSteps }) else {
            throw SNNError("\(reader.source): the delays of \(what) are out of their bounds (corrupt checkpoint)")
        }
        for i in recentArrivals.indices {
            let synapses = try reader.readArray(of: Int32.self, "the recent arrivals of \(what)")
            let times = try reader.readArray(of: Double.self, "the recent arrivals of \(what)")
            guard synapses.count == times.count, synapses.allSatisfy({ $0 >= 0 && Int($0) < delayMs.count }) else {
                throw SNNError("\(reader.source): a recent arrival of \(what) names no synapse (corrupt checkpoint)")
            }
            recentArrivals[i] = zip(synapses, times).map { Arrival(synapse: $0, timeMs: $1) }
        }
        for i in recentPostSpikesMs.indices { recentPostSpikesMs[i] = try reader.readArray(of: Double.self, "the recent spikes of \(what)") }
        for i in recentTeacherSpikesMs.indices { recentTeacherSpikesMs[i] = try reader.readArray(of: Double.self, "the teacher's recent spikes of \(what)") }
    }
}

/// The built-in modulators: what moves between steps is the modulator's value, which the engine saves; the rest
/// is built from the spec (an astrocyte integrator's step is set again at the start of each).
extension VolumeTransmitter: CheckpointStateless {}
extension PopulationMean: CheckpointStateless {}
extension AstrocyteIntegrator: CheckpointStateless {}
extension ScheduledModulator: CheckpointStateless {}
extension ExternalModulator: CheckpointStateless {}
