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
/// and the deferred postsynaptic spikes (`PostSpikeHistory`); the rule itself is rebuilt from the spec.
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
    }
}

/// The built-in modulators: what moves between steps is the modulator's value, which the engine saves; the rest
/// is built from the spec (an astrocyte integrator's step is set again at the start of each).
extension VolumeTransmitter: CheckpointStateless {}
extension PopulationMean: CheckpointStateless {}
extension AstrocyteIntegrator: CheckpointStateless {}
extension ScheduledModulator: CheckpointStateless {}
extension ExternalModulator: CheckpointStateless {}
