import Foundation

/// Deferred potentiation, as NEST does for STDP (its archiving nodes keep each neuron's recent spikes and a synapse
/// reads them at the next presynaptic spike): a postsynaptic spike is written into its neuron's history instead of
/// visiting the neuron's incoming synapses at once, which are scattered across the rows. Each synapse applies the
/// postsynaptic spikes since its source's last arrival when that source's next spike arrives — walking the row in
/// storage order — and then the arrival itself, so every synapse sees its events in their original order, with
/// the traces they had then:
/// - the postsynaptic traces of each spike are stored with it;
/// - the presynaptic traces at postsynaptic spike p are those right after the source's last arrival a (kept per
///   source) decayed over p − a steps, e^{−(p−a)·dt/τ}; a spike in the arrival's own step comes after it.
/// A neuron whose history is full has it applied to all its incoming synapses at once (through the transposed
/// index, as without deferral), and `flush` applies every history before weights are read. Not deferred: rules
/// that update synapses every step (`updatesEveryStep`), whose per-step update must see each spike in time, and
/// rules with bound parameters, whose spikes must meet the parameters of their own step.
struct PostSpikeHistory: Sendable {
    /// Spikes kept per neuron before its history is applied at once.
    static let depth = 32
    /// A waiting spike: its step and the two postsynaptic traces just before it, side by side so that reading one
    /// touches one cache line.
    struct Spike {
        var step: Int
        var post: Traces
    }

    /// Per target neuron: `depth` slots, oldest first.
    var spikes: Column<Spike>
    var counts: Column<Int32>
    /// Per target neuron: its two newest waiting spikes and the step of the one before them, in a compact column:
    /// every arrival checks it, and most find at most these two waiting (at similar pre- and postsynaptic rates,
    /// three or more only about one time in twelve).
    struct Latest {
        var spike: Spike
        var previous: Spike
        var olderStep: Int
        static let none = Latest(spike: Spike(step: -1, post: Traces(0, 0)), previous: Spike(step: -1, post: Traces(0, 0)),
                                 olderStep: -1)
    }

    var latest: Column<Latest>
    /// Per source neuron: the step of its last arrival (0 before any) and its traces right after it.
    var lastArrival: Column<Int>
    var preTrace1: Column<Double>
    var preTrace2: Column<Double>
    /// e^{−n·dt/τ} of the two presynaptic traces for n < `decaySteps`, the intervals that dominate; filled when a
    /// run starts.
    var decay = Column<Traces>([])
    static let decaySteps = 4096

    init(sourceCount: Int, targetCount: Int) {
        spikes = Column(repeating: Spike(step: 0, post: Traces(0, 0)), count: targetCount * Self.depth)
        counts = Column(repeating: 0, count: targetCount)
        latest = Column(repeating: .none, count: targetCount)
        lastArrival = Column(repeating: 0, count: sourceCount)
        preTrace1 = Column(repeating: 0, count: sourceCount)
        preTrace2 = Column(repeating: 0, count: sourceCount)
    }

    mutating func cursor(preTaus: Traces, dtMs: Double) -> Cursor {
        let stepsPerTau = Traces(dtMs / preTaus.first, dtMs / preTaus.second)
        decay = Column((0..<Self.decaySteps).map {
            Traces(exp(-Double($0) * stepsPerTau.first), exp(-Double($0) * stepsPerTau.second))
        })
        return Cursor(spikes: spikes.mutablePointer(), counts: counts.mutablePointer(), latest: latest.mutablePointer(),
               lastArrival: lastArrival.mutablePointer(), preTrace1: preTrace1.mutablePointer(),
               preTrace2: preTrace2.mutablePointer(), decay: decay.baseAddress, stepsPerTau: stepsPerTau)
    }

    /// Raw access for one run, without references (it is copied per synapse); a target's slots are touched only
    /// by the thread that owns the target, the per-source values only serially.
    struct Cursor: @unchecked Sendable {
        let spikes: UnsafeMutablePointer<Spike>
        let counts: UnsafeMutablePointer<Int32>
        let latest: UnsafeMutablePointer<Latest>
        let lastArrival: UnsafeMutablePointer<Int>
        let preTrace1: UnsafeMutablePointer<Double>
        let preTrace2: UnsafeMutablePointer<Double>
        let decay: UnsafePointer<Traces>
        let stepsPerTau: Traces

        /// Whether target `i` has spikes at or after step `since` waiting.
        @inline(__always)
        func hasPending(_ i: Int, since: Int) -> Bool { latest[i].spike.step >= since }

        /// Calls `body` with (presynaptic traces, postsynaptic traces) of each waiting spike of target `i` at or
        /// after the last arrival of source `j`, oldest first.
        @inline(__always)
        func forEachPending(target i: Int, source j: Int, _ body: (Traces, Traces) -> Void) {
            let a = lastArrival[j]
            let newest = latest[i]
            if newest.olderStep < a {
                if newest.previous.step >= a { apply(newest.previous, since: a, source: j, body) }
                if newest.spike.step >= a { apply(newest.spike, since: a, source: j, body) }
                return
            }
            let slots = spikes + i * PostSpikeHistory.depth
            var first = Int(counts[i])
            while first > 0 && slots[first - 1].step >= a { first -= 1 }
            for r in first..<Int(counts[i]) { apply(slots[r], since: a, source: j, body) }
        }

        /// `body` for one waiting spike, with source `j`'s traces decayed from its last arrival at step `a`.
        @inline(__always)
        private func apply(_ spike: Spike, since a: Int, source j: Int, _ body: (Traces, Traces) -> Void) {
            let factor = decayFactors(steps: spike.step - a)
            body(Traces(preTrace1[j] * factor.first, preTrace2[j] * factor.second), spike.post)
        }

        /// e^{−n·dt/τ} of the two presynaptic traces.
        @inline(__always)
        func decayFactors(steps n: Int) -> Traces {
            n < PostSpikeHistory.decaySteps ? decay[n]
                : Traces(exp(-Double(n) * stepsPerTau.first), exp(-Double(n) * stepsPerTau.second))
        }

        @inline(__always)
        func isFull(_ i: Int) -> Bool { Int(counts[i]) == PostSpikeHistory.depth }

        @inline(__always)
        func append(target i: Int, step: Int, post: Traces) {
            let spike = Spike(step: step, post: post)
            spikes[i * PostSpikeHistory.depth + Int(counts[i])] = spike
            counts[i] += 1
            latest[i] = Latest(spike: spike, previous: latest[i].spike, olderStep: latest[i].previous.step)
        }

        @inline(__always)
        func clear(_ i: Int) {
            counts[i] = 0
            latest[i] = .none
        }

        /// Source `j`'s arrivals of `step` are in: its traces right after them are `traces`.
        @inline(__always)
        func recordArrival(source j: Int, step: Int, traces: Traces) {
            lastArrival[j] = step
            preTrace1[j] = traces.first
            preTrace2[j] = traces.second
        }
    }
}
