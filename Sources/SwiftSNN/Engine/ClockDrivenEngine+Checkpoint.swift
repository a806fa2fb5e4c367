/// The clock engine's dynamical state in a checkpoint, between runs (every run ends with its slices delivered,
/// so nothing is half done): the step and counts, the modulators' values, the input rings (spikes, generator
/// input and astrocyte signals in flight), the planes that are live, the Poisson streams' positions, the plastic
/// arrivals queued and the postsynaptic spikes on their way to dendritic synapses, then each population's and
/// plastic projection's `CheckpointState`. Parameters bound to modulators or schedules need nothing: the first
/// step after a restore sets every one whose value differs from the spec's, which rebuilds the model as it was.
extension ClockDrivenEngine: CheckpointableEngine {
    var checkpointRefusal: String? {
        if let m = network.modulators.first(where: { !($0.dynamics is any CheckpointState) }) {
            return "checkpoints do not cover the state of modulator '\(m.name)' (\(m.dynamics.kindName)) yet"
        }
        if let p = network.populations.first(where: { !($0 is any CheckpointState) }) {
            return "checkpoints do not cover the state of population '\(p.name)' yet"
        }
        if let q = network.plasticProjections.first(where: { !($0 is any CheckpointState) }) {
            return "checkpoints do not cover the state of projection \(q.projectionIndex) (\(q.ruleName)) yet"
        }
        return nil
    }

    func checkpointPayload() -> CheckpointWriter {
        var writer = CheckpointWriter()
        writer.writeRun(step: step, statistics: statistics, modulators: network.modulators)
        writer.write(livePlanes)
        for ring in rings { if let ring { writer.write(ring.values) } }
        for streams in poissonStreams { writer.write(streams) }
        for projection in plasticArrivals.slots {
            writer.write(Int64(projection.count))
            for slot in projection { writer.write(slot) }
        }
        for projection in shiftedPostsynapticSpikes {
            writer.write(Int64(projection.count))
            for due in projection {
                writer.write(Int64(due.step))
                writer.write(due.targets)
            }
        }
        for population in network.populations { (population as! any CheckpointState).save(to: &writer) }
        for plastic in network.plasticProjections { (plastic as! any CheckpointState).save(to: &writer) }
        return writer
    }

    mutating func restore(from reader: inout CheckpointReader) throws {
        if let checkpointRefusal { throw SNNError(checkpointRefusal) }
        try reader.readRun(step: &step, statistics: &statistics, grid: network.grid, modulators: &network.modulators)
        let planes = try reader.readArray(of: UInt32.self, "the live input planes")
        guard planes.count == livePlanes.count else { throw SNNError("\(reader.source): checkpoint has input planes of \(planes.count) populations, the network has \(livePlanes.count)") }
        livePlanes = zip(livePlanes, planes).map { $0 | $1 }
        for p in rings.indices where rings[p] != nil {
            try reader.read(into: &rings[p]!.values, "the input ring of population '\(network.populations[p].name)'")
        }
        for g in poissonStreams.indices {
            try reader.read(into: &poissonStreams[g], "the Poisson streams of generator projection \(network.generatorProjections[g].projectionIndex)")
        }
        for q in plasticArrivals.slots.indices {
            let slots = try reader.count("the arrival queue of plastic projection \(q)")
            guard slots == plasticArrivals.slots[q].count else {
                throw SNNError("\(reader.source): checkpoint queues plastic arrivals in \(slots) slots, the network in \(plasticArrivals.slots[q].count)")
            }
            let channels = network.plasticProjections[q].synapses.sourceCount
            for s in 0..<slots {
                let arrivals = try reader.readArray(of: Int32.self, "the arrival queue of plastic projection \(q)")
                guard arrivals.allSatisfy({ $0 >= 0 && Int($0) < channels }) else {
                    throw SNNError("\(reader.source): an arrival of plastic projection \(q) names no channel of it (corrupt checkpoint)")
                }
                plasticArrivals.slots[q][s] = arrivals
            }
        }
        for q in shiftedPostsynapticSpikes.indices {
            let count = try reader.count("the postsynaptic spikes on their way in plastic projection \(q)")
            let neurons = network.populations[network.plasticProjections[q].target].count
            shiftedPostsynapticSpikes[q] = try (0..<count).map { _ in
                let due = (step: Int(try reader.read(Int64.self, "a postsynaptic spike's step")),
                           targets: try reader.readArray(of: Int32.self, "postsynaptic spikes"))
                guard due.targets.allSatisfy({ $0 >= 0 && Int($0) < neurons }) else {
                    throw SNNError("\(reader.source): a postsynaptic spike of plastic projection \(q) names no neuron (corrupt checkpoint)")
                }
                return due
            }
        }
        for p in network.populations.indices {
            var population = network.populations[p] as! any CheckpointState
            try population.restore(from: &reader)
            network.populations[p] = population as! any Population
        }
        for q in network.plasticProjections.indices {
            var plastic = network.plasticProjections[q] as! any CheckpointState
            try plastic.restore(from: &reader)
            network.plasticProjections[q] = plastic as! any PlasticSynapses
        }
        try reader.requireEnd()
    }
}
