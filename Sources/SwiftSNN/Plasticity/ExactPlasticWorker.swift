import Foundation

/// A plastic projection as the event-driven engine drives it: spikes at exact (real) times, traces decayed in
/// continuous time, e^{−(t − t_last)/τ}, so a rule sees the exact Δt = t_post − (t_pre + d) of every pair — what
/// NEST's precise `*_ps` models do not give their synapses (nest-simulator PR #2137). The timing convention is the
/// clock engine's: the delay is axonal, and at equal times arrivals come before postsynaptic spikes (Δt = 0 is
/// pre-before-post).
public protocol ExactPlasticWorker: AnyObject {
    /// The current weights, in the order of the projection's synapses.
    var weights: UnsafeMutablePointer<Float> { get }
    /// A spike of source `j` arrives at `t`: the rule at each synapse of its row, whose range is returned for the
    /// engine to deliver with the new weights.
    func arrive(source j: Int, at t: Double) -> Range<Int>
    /// Target `i` fires at `t`: the rule at each of its incoming synapses.
    func postsynapticSpike(target i: Int, at t: Double)
}

/// A worker whose traces outlive it: taken over by the worker the engine makes after a change between runs, and
/// written to and read from checkpoints (the synapses' own state is the projection's, `CheckpointState`).
protocol ContinuingExactWorker {
    /// Takes over the traces of `previous`, the same projection's worker before the change; false if it is not
    /// one of this kind.
    func continueTraces(of previous: any ExactPlasticWorker) -> Bool
    /// Writes the traces (a checkpoint).
    func saveTraces(to writer: inout CheckpointWriter)
    /// Reads what `saveTraces` wrote, refusing what no run until `nowMs` leaves.
    func restoreTraces(from reader: inout CheckpointReader, nowMs: Double) throws
}

/// Two traces per neuron in continuous time: their values at the last spike and its time.
final class ContinuousTraces {
    private let value1: UnsafeMutablePointer<Double>
    private let value2: UnsafeMutablePointer<Double>
    private let time: UnsafeMutablePointer<Double>
    private let count: Int
    private let taus: Traces
    private let nearest: Bool

    init(count: Int, taus: Traces, nearest: Bool) {
        value1 = .allocate(capacity: max(count, 1))
        value2 = .allocate(capacity: max(count, 1))
        time = .allocate(capacity: max(count, 1))
        value1.initialize(repeating: 0, count: count)
        value2.initialize(repeating: 0, count: count)
        time.initialize(repeating: 0, count: count)
        self.count = count
        self.taus = taus
        self.nearest = nearest
    }

    deinit {
        value1.deallocate()
        value2.deallocate()
        time.deallocate()
    }

    /// The traces of neuron `i` at `t` (not before its last spike).
    @inline(__always)
    func value(_ i: Int, at t: Double) -> Traces {
        let elapsed = t - time[i]
        return Traces(value1[i] * exp(-elapsed / taus.first), value2[i] * exp(-elapsed / taus.second))
    }

    /// Takes over the traces of `other`, of the same neurons and time constants (a change between runs).
    func take(_ other: ContinuousTraces) {
        precondition(other.count == count, "traces of another size")
        value1.update(from: other.value1, count: count)
        value2.update(from: other.value2, count: count)
        time.update(from: other.time, count: count)
    }

    func save(to writer: inout CheckpointWriter) {
        for buffer in [value1, value2, time] { writer.write(Array(UnsafeBufferPointer(start: buffer, count: count))) }
    }

    /// Reads what `save` wrote; `what` names the traces in errors.
    func restore(from reader: inout CheckpointReader, nowMs: Double, _ what: String) throws {
        let values1 = try reader.readArray(of: Double.self, what), values2 = try reader.readArray(of: Double.self, what)
        let times = try reader.readArray(of: Double.self, what)
        guard values1.count == count, values2.count == count, times.count == count else {
            throw SNNError("\(reader.source): \(what) have another size in the checkpoint")
        }
        guard (values1 + values2).allSatisfy({ $0.isFinite && $0 >= 0 }), times.allSatisfy({ $0.isFinite && $0 <= nowMs }) else {
            throw SNNError("\(reader.source): \(what) hold impossible values (corrupt checkpoint)")
        }
        value1.update(from: values1, count: count)
        value2.update(from: values2, count: count)
        time.update(from: times, count: count)
    }

    /// A spike of neuron `i` at `t`.
    @inline(__always)
    func record(_ i: Int, at t: Double) {
        let now = value(i, at: t)
        value1[i] = nearest ? 1 : now.first + 1
        value2[i] = nearest ? 1 : now.second + 1
        time[i] = t
    }
}

extension PlasticProjection {
    public mutating func makeExactWorker() throws -> any ExactPlasticWorker {
        guard !Rule.updatesEveryStep, bindings.isEmpty else {
            throw ConfigError(path: "projections[\(projectionIndex)].plasticity",
                              problem: "\(Rule.updatesEveryStep ? "\(ruleName) updates synapses at every time step" : "parameters that follow modulators or schedules change at time steps"); use \"engine\": \"clock\"")
        }
        return ExactWorker(rule: rule, synapses: synapses, storage: storage(),
                           pre: ContinuousTraces(count: synapses.sourceCount, taus: rule.preTraceTausMs, nearest: rule.nearestSpike),
                           post: ContinuousTraces(count: postTrace1.count, taus: rule.postTraceTausMs, nearest: rule.nearestSpike),
                           incoming: incoming.cursor())
    }

    final class ExactWorker: ExactPlasticWorker, ContinuingExactWorker {
        let rule: Rule
        let rowStart: [Int64]
        let target: [UInt32]
        let storage: SynapseStorage<Rule>
        let pre: ContinuousTraces
        let post: ContinuousTraces
        let incoming: IncomingSynapses.Cursor

        init(rule: Rule, synapses: SynapseTable, storage: SynapseStorage<Rule>, pre: ContinuousTraces,
             post: ContinuousTraces, incoming: IncomingSynapses.Cursor) {
            self.rule = rule
            rowStart = synapses.rowStart
            target = synapses.target
            self.storage = storage
            self.pre = pre
            self.post = post
            self.incoming = incoming
        }

        var weights: UnsafeMutablePointer<Float> { storage.weights }

        func continueTraces(of previous: any ExactPlasticWorker) -> Bool {
            guard let previous = previous as? ExactWorker, previous.rowStart == rowStart, previous.target == target else { return false }
            pre.take(previous.pre)
            post.take(previous.post)
            return true
        }

        func saveTraces(to writer: inout CheckpointWriter) {
            pre.save(to: &writer)
            post.save(to: &writer)
        }

        func restoreTraces(from reader: inout CheckpointReader, nowMs: Double) throws {
            try pre.restore(from: &reader, nowMs: nowMs, "the presynaptic traces")
            try post.restore(from: &reader, nowMs: nowMs, "the postsynaptic traces")
        }

        func arrive(source j: Int, at t: Double) -> Range<Int> {
            let row = Int(rowStart[j])..<Int(rowStart[j + 1])
            let preBefore = pre.value(j, at: t)
            for k in row {
                var synapse = storage.load(k)
                rule.onPresynapticArrival(&synapse, pre: preBefore, post: post.value(Int(target[k]), at: t))
                storage.store(synapse, k)
            }
            pre.record(j, at: t)
            return row
        }

        func postsynapticSpike(target i: Int, at t: Double) {
            let postBefore = post.value(i, at: t)
            incoming.forEach(of: i) { j, k in
                var synapse = storage.load(k)
                rule.onPostsynapticSpike(&synapse, pre: pre.value(j, at: t), post: postBefore)
                storage.store(synapse, k)
            }
            post.record(i, at: t)
        }
    }
}
