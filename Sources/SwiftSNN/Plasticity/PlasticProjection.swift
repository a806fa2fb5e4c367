import CSNNKernels
import Foundation

/// The synapses of one plastic projection, their rule, the traces and the index of incoming synapses per target.
public struct PlasticProjection<Rule: PlasticityRule>: PlasticSynapses {
    /// The source population's index.
    public var source: Int
    /// The target population's index.
    public var target: Int
    public var projectionIndex: Int
    public var synapses: SynapseTable
    public var channels: DelayChannels
    public var weights: Column<Float>
    public var learnedDelays: LearnedDelays?
    public var dendriticFraction = 0.0
    /// The rule's per-synapse variable (`SynapseState.trace`), in the order of `synapses`; empty unless the rule
    /// `usesSynapseTrace`.
    public var synapseTraces: Column<Double>
    /// The weights in double precision, for rules that `keepsExactWeights` (empty otherwise).
    var exactWeights: Column<Double>
    /// The rule as built from the config's values; bound parameters change it during a run.
    public var rule: Rule
    /// The rule's registered name.
    public let ruleName: String
    let parameters: ParameterValues
    let options: PlasticityOptions
    let bindings: [BoundParameter]
    /// Per channel (source neuron and delay): the two trace values now, and how many of its spikes arrive in the
    /// current step.
    var preTrace1: Column<Double>
    var preTrace2: Column<Double>
    var arrivalsThisStep: Column<Int32>
    /// Per target neuron: the two trace values now.
    var postTrace1: Column<Double>
    var postTrace2: Column<Double>
    /// Postsynaptic spikes not yet applied to their synapses. Empty for rules updated every step and for rules
    /// with bound parameters: deferred, a spike would meet the parameters of a later step.
    var history: PostSpikeHistory
    var defersPotentiation: Bool { !Rule.updatesEveryStep && bindings.isEmpty }
    var incoming: IncomingSynapses

    /// - Parameter synapses: one row per channel of `channels`.
    init(source: Int, target: Int, targetCount: Int, projectionIndex: Int, synapses: SynapseTable,
         channels: DelayChannels, parameters: ParameterValues, options: PlasticityOptions, bindings: [BoundParameter],
         ruleName: String) throws {
        self.source = source
        self.target = target
        self.projectionIndex = projectionIndex
        self.synapses = synapses
        self.channels = channels
        let rule = try Rule(parameters, options: options)
        self.rule = rule
        self.parameters = parameters
        self.options = options
        self.bindings = bindings
        self.ruleName = ruleName
        weights = Column(synapses.weight.map { Float(rule.weightBounds.clipped(Double($0))) })
        exactWeights = Rule.keepsExactWeights ? Column(weights.map(Double.init)) : Column([])
        synapseTraces = Column(repeating: 0, count: Rule.usesSynapseTrace ? synapses.count : 0)
        preTrace1 = Column(repeating: 0, count: synapses.sourceCount)
        preTrace2 = Column(repeating: 0, count: synapses.sourceCount)
        arrivalsThisStep = Column(repeating: 0, count: synapses.sourceCount)
        postTrace1 = Column(repeating: 0, count: targetCount)
        postTrace2 = Column(repeating: 0, count: targetCount)
        history = !Rule.updatesEveryStep && bindings.isEmpty
            ? PostSpikeHistory(sourceCount: synapses.sourceCount, targetCount: targetCount)
            : PostSpikeHistory(sourceCount: 0, targetCount: 0)
        incoming = try IncomingSynapses(synapses, targetCount: targetCount)
    }

    mutating func storage() -> SynapseStorage<Rule> {
        SynapseStorage(weights: weights.mutablePointer(),
                       exactWeights: Rule.keepsExactWeights ? exactWeights.mutablePointer() : nil,
                       traces: Rule.usesSynapseTrace ? synapseTraces.mutablePointer() : nil)
    }

    public mutating func setWeights(_ weights: [Float]) {
        self.weights = Column(weights.map { Float(rule.weightBounds.clipped(Double($0))) })
        if Rule.keepsExactWeights { exactWeights = Column(self.weights.map(Double.init)) }
    }

    public var canBeExcitatory: Bool { rule.weightBounds.upperBound >= 0 }
    /// Whether some weight may be negative (the inhibitory plane is then read).
    public var canBeInhibitory: Bool { rule.weightBounds.lowerBound < 0 }

    public mutating func makeWorker(grid: TimeGrid) -> any PlasticWorker {
        Worker(rule: rule, parameters: parameters, options: options, bindings: bindings, target: synapses.target,
               storage: storage(),
               pre: TraceColumns(first: preTrace1.mutablePointer(), second: preTrace2.mutablePointer(),
                                 count: preTrace1.count, taus: rule.preTraceTausMs, dtMs: grid.dtMs,
                                 nearest: rule.nearestSpike),
               post: TraceColumns(first: postTrace1.mutablePointer(), second: postTrace2.mutablePointer(),
                                  count: postTrace1.count, taus: rule.postTraceTausMs, dtMs: grid.dtMs,
                                  nearest: rule.nearestSpike),
               arrivalsThisStep: arrivalsThisStep.mutablePointer(), sourceCount: synapses.sourceCount,
               history: defersPotentiation ? history.cursor(preTaus: rule.preTraceTausMs, dtMs: grid.dtMs) : nil,
               incoming: incoming.cursor())
    }

    /// A class, so that `prepare` can swap the rule between steps; the parallel methods copy it into a local first.
    /// Projections are built from a rule type chosen at run time, so the hot methods are pre-specialised for the
    /// built-in rules (a registered rule runs the generic code, with the rule's callbacks called through witnesses).
    final class Worker: PlasticWorker, @unchecked Sendable {
        private var rule: Rule
        private var parameters: ParameterValues
        let options: PlasticityOptions
        let bindings: [BoundParameter]
        let target: [UInt32]
        let storage: SynapseStorage<Rule>
        let pre: TraceColumns
        let post: TraceColumns
        let arrivalsThisStep: UnsafeMutablePointer<Int32>
        let sourceCount: Int
        /// Set when potentiation is deferred.
        let history: PostSpikeHistory.Cursor?
        let incoming: IncomingSynapses.Cursor

        init(rule: Rule, parameters: ParameterValues, options: PlasticityOptions, bindings: [BoundParameter],
             target: [UInt32], storage: SynapseStorage<Rule>,
             pre: TraceColumns, post: TraceColumns, arrivalsThisStep: UnsafeMutablePointer<Int32>, sourceCount: Int,
             history: PostSpikeHistory.Cursor?, incoming: IncomingSynapses.Cursor) {
            self.rule = rule
            self.parameters = parameters
            self.options = options
            self.bindings = bindings
            self.target = target
            self.storage = storage
            self.pre = pre
            self.post = post
            self.arrivalsThisStep = arrivalsThisStep
            self.sourceCount = sourceCount
            self.history = history
            self.incoming = incoming
        }

        var updatesEveryStep: Bool { Rule.updatesEveryStep }

        func prepare(step: Int, modulators: [Modulator]) throws {
            if bindings.apply(step: step, modulators: modulators, to: &parameters) {
                rule = try Rule(parameters, options: options)
            }
        }

        func decayTraces() {
            pre.decay()
            post.decay()
        }

        func beginStep(arrivals: [Int32]) {
            for s in arrivals { arrivalsThisStep[Int(s)] += 1 }
        }

        func endStep(arrivals: [Int32], step: Int) {
            for s in arrivals where arrivalsThisStep[Int(s)] > 0 {
                let j = Int(s)
                pre.record(j, spikes: Int(arrivalsThisStep[j]))
                history?.recordArrival(source: j, step: step, traces: pre.value(j, plusSpikes: 0))
                arrivalsThisStep[j] = 0
            }
        }

        @_specialize(where Rule == PairSTDP)
        @_specialize(where Rule == TripletSTDP)
        @_specialize(where Rule == SignedSTDP)
        @_specialize(where Rule == HebbianOja)
        @_specialize(where Rule == BCM)
        @_specialize(where Rule == ThreeFactor)
        func stepSynapses(rowBegin: UnsafePointer<Int64>, rowEnd: UnsafePointer<Int64>) {
            let rule = self.rule
            for s in 0..<sourceCount {
                for k in Int(rowBegin[s])..<Int(rowEnd[s]) {
                    var synapse = storage.load(k)
                    rule.onStep(&synapse)
                    storage.store(synapse, k)
                }
            }
        }

        @_specialize(where Rule == PairSTDP)
        @_specialize(where Rule == TripletSTDP)
        @_specialize(where Rule == SignedSTDP)
        @_specialize(where Rule == HebbianOja)
        @_specialize(where Rule == BCM)
        @_specialize(where Rule == ThreeFactor)
        func arrive(arrivals: [Int32], rowBegin: UnsafePointer<Int64>, rowEnd: UnsafePointer<Int64>,
                    input: UnsafeMutablePointer<Double>, excitatoryPlane: Int, inhibitoryPlane: Int) -> UInt64 {
            let rule = self.rule
            var events: UInt64 = 0
            var previous: Int32 = -1, earlier = 0
            let target = self.target
            for s in arrivals {
                // Repeated arrivals of one source in a step are adjacent; each sees the ones before it.
                earlier = s == previous ? earlier + 1 : 0
                previous = s
                let preBefore = pre.value(Int(s), plusSpikes: earlier)
                let begin = Int(rowBegin[Int(s)]), end = Int(rowEnd[Int(s)])
                let since = history?.lastArrival[Int(s)] ?? 0
                events += UInt64(end - begin)
                for k in begin..<end {
                    let i = Int(target[k])
                    var synapse = storage.load(k)
                    if let history, earlier == 0, history.hasPending(i, since: since) {
                        history.forEachPending(target: i, source: Int(s)) { pre, post in
                            rule.onPostsynapticSpike(&synapse, pre: pre, post: post)
                            storage.round(&synapse)
                        }
                    }
                    rule.onPresynapticArrival(&synapse, pre: preBefore, post: post.value(i, plusSpikes: 0))
                    storage.store(synapse, k)
                }
                // The input in a second pass over the row: the scattered read-modify-writes of the targets' input
                // overlap better without the rule's arithmetic between them.
                snn_add_row(target, storage.weights, Int64(begin), Int64(end), input, excitatoryPlane, inhibitoryPlane)
            }
            return events
        }

        @_specialize(where Rule == PairSTDP)
        @_specialize(where Rule == TripletSTDP)
        @_specialize(where Rule == SignedSTDP)
        @_specialize(where Rule == HebbianOja)
        @_specialize(where Rule == BCM)
        @_specialize(where Rule == ThreeFactor)
        func postsynapticSpikes(_ targets: ArraySlice<Int32>, step: Int) {
            let rule = self.rule
            for t in targets {
                let i = Int(t)
                let postBefore = post.value(i, plusSpikes: 0)
                if let history {
                    if history.isFull(i) {
                        // This step's arrivals have already taken the history in.
                        applyHistory(of: i, history, rule: rule, skippingArrivalsOfThisStep: true)
                    }
                    history.append(target: i, step: step, post: postBefore)
                } else {
                    incoming.forEach(of: i) { j, k in
                        var synapse = storage.load(k)
                        rule.onPostsynapticSpike(&synapse, pre: pre.value(j, plusSpikes: Int(arrivalsThisStep[j])),
                                                 post: postBefore)
                        storage.store(synapse, k)
                    }
                }
                post.record(i, spikes: 1)
            }
        }

        func flush() {
            guard let history else { return }
            let rule = self.rule
            for i in 0..<post.count where history.counts[i] > 0 {
                applyHistory(of: i, history, rule: rule, skippingArrivalsOfThisStep: false)
            }
        }

        /// Applies target `i`'s waiting spikes to all its incoming synapses and empties its history.
        private func applyHistory(of i: Int, _ history: PostSpikeHistory.Cursor, rule: Rule, skippingArrivalsOfThisStep: Bool) {
            incoming.forEach(of: i) { j, k in
                if skippingArrivalsOfThisStep && arrivalsThisStep[j] > 0 { return }
                var synapse = storage.load(k)
                history.forEachPending(target: i, source: j) { pre, post in
                    rule.onPostsynapticSpike(&synapse, pre: pre, post: post)
                    storage.round(&synapse)
                }
                storage.store(synapse, k)
            }
            history.clear(i)
        }
    }
}
