import HeapModule

/// The event engine's dynamical state in a checkpoint, between runs (every run ends with the events of its last
/// step handled): the step, the counts and the modulators' values (`writeRun`), whether the run has started, the
/// Poisson streams' positions, every queued event (field by field, each checked against the network on restore: a corrupt file
/// must not make the engine index out of its tables or replay the past), each neuron's predicted crossing, and
/// each event-driven population's state and clocks (`EventDrivenNeurons.save`), and each plastic projection's
/// synapses (`CheckpointState`) and its worker's continuous-time traces. Events and crossings are ordered
/// by their fields alone, so queues rebuilt from them pop the same sequence as the ones saved: the continuation
/// is bit-identical.
extension EventDrivenEngine: CheckpointableEngine {
    var checkpointRefusal: String? {
        for (q, worker) in plasticWorkers.enumerated() {
            let plastic = network.plasticProjections[q]
            guard plastic is any CheckpointState else {
                return "checkpoints do not cover the state of projection \(plastic.projectionIndex) (\(plastic.ruleName)) yet"
            }
            guard worker is any ContinuingExactWorker, plastic.learnedDelays == nil else {
                let what = plastic.learnedDelays == nil ? "the traces of" : "the changing delays of"
                return "checkpoints of the event engine do not cover \(what) projection \(plastic.projectionIndex) (\(plastic.ruleName)) yet; use \"engine\": \"clock\""
            }
        }
        if let m = network.modulators.first(where: { !($0.dynamics is any CheckpointState) }) {
            return "checkpoints do not cover the state of modulator '\(m.name)' (\(m.dynamics.kindName)) yet"
        }
        if let p = network.populations.indices.first(where: { neurons[$0] == nil && !(network.populations[$0] is any CheckpointStateless) }) {
            return "checkpoints do not cover the state of population '\(network.populations[p].name)' yet"
        }
        return nil
    }

    func checkpointPayload() -> CheckpointWriter {
        var writer = CheckpointWriter()
        writer.writeRun(step: step, statistics: statistics, modulators: network.modulators)
        writer.write(UInt8(started ? 1 : 0))
        for streams in poissonStreams { writer.write(streams) }
        let events = queue.unordered
        writer.write(events.map(\.timeMs))
        writer.write(events.map(\.kind.rawValue))
        writer.write(events.map(\.population))
        writer.write(events.map(\.neuron))
        writer.write(events.map(\.stream))
        writer.write(events.map(\.index))
        let entries = crossings.entries
        writer.write(entries.map { Int32($0.id) })
        writer.write(entries.map(\.timeMs))
        writer.write(entries.map { UInt8($0.exact ? 1 : 0) })
        for n in neurons { n?.save(to: &writer) }
        for (q, worker) in plasticWorkers.enumerated() {
            (network.plasticProjections[q] as! any CheckpointState).save(to: &writer)
            (worker as! any ContinuingExactWorker).saveTraces(to: &writer)
        }
        return writer
    }

    mutating func restore(from reader: inout CheckpointReader) throws {
        if let checkpointRefusal { throw SNNError(checkpointRefusal) }
        let source = reader.source
        func corrupt(_ what: String) -> SNNError { SNNError("\(source): \(what) (corrupt checkpoint)") }
        try reader.readRun(step: &step, statistics: &statistics, grid: network.grid, modulators: &network.modulators)
        started = try reader.read(UInt8.self, "whether the run has started") == 1
        let nowMs = network.grid.spikeTime(step: step - 1)
        for g in poissonStreams.indices {
            let what = "the Poisson streams of generator projection \(network.generatorProjections[g].projectionIndex)"
            let streams = try reader.readArray(of: RandomStream.self, what)
            guard streams.count == poissonStreams[g].count else {
                throw SNNError("\(source): \(what) has \(streams.count) values in the checkpoint, the network has \(poissonStreams[g].count)")
            }
            poissonStreams[g] = streams
        }
        let times = try reader.readArray(of: Double.self, "the queued events")
        let kinds = try reader.readArray(of: UInt8.self, "the queued events")
        let populations = try reader.readArray(of: Int32.self, "the queued events")
        let neuronIds = try reader.readArray(of: Int32.self, "the queued events")
        let streams = try reader.readArray(of: Int32.self, "the queued events")
        let indices = try reader.readArray(of: Int64.self, "the queued events")
        guard [kinds.count, populations.count, neuronIds.count, streams.count, indices.count].allSatisfy({ $0 == times.count }) else {
            throw corrupt("the queued events' fields differ in number")
        }
        var events: [ScheduledEvent] = []
        events.reserveCapacity(times.count)
        for e in times.indices {
            guard let kind = ScheduledEvent.Kind(rawValue: kinds[e]) else { throw corrupt("a queued event has no kind") }
            let event = ScheduledEvent(timeMs: times[e], kind: kind, population: populations[e], neuron: neuronIds[e],
                                       stream: streams[e], index: indices[e])
            // Every event left in the queue is later than the last step handled.
            guard event.timeMs.isFinite, event.timeMs > nowMs, isPossible(event) else {
                throw corrupt("a queued event names nothing in this network or a time already past")
            }
            events.append(event)
        }
        queue = Heap(events)
        let ids = try reader.readArray(of: Int32.self, "the predicted crossings")
        let crossingTimes = try reader.readArray(of: Double.self, "the predicted crossings")
        let exact = try reader.readArray(of: UInt8.self, "the predicted crossings")
        guard crossingTimes.count == ids.count, exact.count == ids.count else { throw corrupt("the predicted crossings differ in number") }
        var restored = CrossingQueue(neuronCount: crossings.neuronCount)
        for k in ids.indices {
            guard (0..<crossings.neuronCount).contains(Int(ids[k])), crossingTimes[k].isFinite, crossingTimes[k] > nowMs else {
                throw corrupt("a predicted crossing names no neuron or a time already past")
            }
            if exact[k] == 1 {
                restored.set(Int(ids[k]), to: crossingTimes[k])
            } else {
                restored.set(Int(ids[k]), notBefore: crossingTimes[k])
            }
        }
        crossings = restored
        for n in neurons { try n?.restore(from: &reader, nowMs: nowMs) }
        for p in neurons.indices { if let n = neurons[p] { network.populations[p] = n.population } }
        for q in plasticWorkers.indices {
            var plastic = network.plasticProjections[q] as! any CheckpointState
            try plastic.restore(from: &reader)
            network.plasticProjections[q] = plastic as! any PlasticSynapses
            // The restored synapse columns are new buffers; a worker made now points into them.
            plasticWorkers[q] = try network.plasticProjections[q].makeExactWorker()
            try (plasticWorkers[q] as! any ContinuingExactWorker).restoreTraces(from: &reader, nowMs: nowMs)
        }
        try reader.requireEnd()
    }

    /// Whether `e` could have been queued by this network: its projection, synapse, generator and neuron exist and
    /// belong together (the handlers index tables with them unchecked).
    private func isPossible(_ e: ScheduledEvent) -> Bool {
        guard populationAtRank.indices.contains(Int(e.population)) else { return false }
        let p = populationAtRank[Int(e.population)], i = Int(e.neuron), stream = Int(e.stream)
        switch e.kind {
        case .arrival where stream < 0:
            // A plastic projection's whole row, `neuron` being the source neuron (changing delays are refused).
            let q = -stream - 1
            guard network.plasticProjections.indices.contains(q) else { return false }
            let plastic = network.plasticProjections[q]
            return plastic.source == p && (0..<plastic.synapses.sourceCount).contains(i) && e.index == 0
        case .arrival:
            guard network.projections.indices.contains(stream) else { return false }
            let projection = network.projections[stream], table = projection.synapses
            guard projection.source == p, (0..<table.sourceCount).contains(i) else { return false }
            let row = Int(table.rowStart[i])..<Int(table.rowStart[i + 1])
            return table.delaySteps.isEmpty ? Int(e.index) == row.lowerBound && !row.isEmpty : row.contains(Int(e.index))
        case .poisson, .current:
            guard network.generatorProjections.indices.contains(stream) else { return false }
            let projection = network.generatorProjections[stream], table = projection.synapses
            guard projection.source == p, (0..<table.sourceCount).contains(i) else { return false }
            let row = Int(table.rowStart[i])..<Int(table.rowStart[i + 1])
            switch projection.drive {
            case .poisson: return e.kind == .poisson && row.contains(Int(e.index))
            case .current: return e.kind == .current && e.index >= 0 && row.contains(Int(e.index / 2))
            case .weightedSpikes, .custom: return false
            }
        case .weightedSpike:
            // `neuron` is the spike's position in the list of the source neuron whose row holds synapse `index`.
            guard network.generatorProjections.indices.contains(stream) else { return false }
            let projection = network.generatorProjections[stream], table = projection.synapses
            guard projection.source == p, case .weightedSpikes(let generator) = projection.drive,
                  let trains = generator.exactWeightedTrains, (0..<table.count).contains(Int(e.index)) else { return false }
            guard let row = (0..<table.sourceCount).first(where: { Int(table.rowStart[$0 + 1]) > Int(e.index) }),
                  trains.indices.contains(row) else { return false }
            return trains[row].indices.contains(i)
        case .spike:
            guard let train = spikeTrains[p], train.indices.contains(Int(e.index)) else { return false }
            return train[Int(e.index)].id == e.neuron && train[Int(e.index)].timeMs == e.timeMs
        case .postsynaptic:
            guard network.plasticProjections.indices.contains(stream), postsynapticShiftMs[stream] > 0 else { return false }
            let plastic = network.plasticProjections[stream]
            return plastic.target == p && (0..<network.populations[p].count).contains(i) && e.index == 0
        }
    }
}
