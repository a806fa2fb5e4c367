import Foundation
import HeapModule

/// The event-driven engine: spike times are real numbers, not grid points. Two priority queues hold the pending
/// events: a swift-collections `Heap` of `ScheduledEvent`s for spike arrivals and inputs, and a `CrossingQueue`
/// with each neuron's predicted threshold crossing. The engine takes the earlier of their heads in the total
/// order of `ScheduledEvent` and handles it:
/// - an arrival advances each target from its last event to now with its model's exact solution
///   (`ExactlySolvable`), adds the input and replaces the target's predicted crossing;
/// - a crossing fires: the neuron resets, is refractory for exactly t_ref, and its spike reaches each target
///   t + d later, d being the synapse's delay in ms as configured (not rounded to dt);
/// - inputs emit at exact times: spike generators at their listed times, Poisson generators as an independent
///   train per synapse with exponential intervals (one random stream per synapse, keyed like the clock engine's),
///   DC generators switch their current on at start + d and off at stop + d.
///
/// Recorders see the run as a sequence of steps of dt, as from the clock engine: after step k they observe the
/// spikes of (k·dt, (k+1)·dt], and state recorders read neurons evolved analytically (a copy) to (k+1)·dt.
/// `ExactSpikeRecorder`s get the exact times instead. `dt` plays no other part.
///
/// Plastic projections run their rules at the exact times of arrivals and postsynaptic spikes, with traces decayed
/// in continuous time (`ExactPlasticWorker`); weight recorders sample at the end of each step of dt. Delay rules
/// (`LearnedDelays`) pair exact arrival and spike times too, and each spike leaves with its synapse's delay in ms
/// at its emission, unrounded. A dendritic share f of a projection's delay d delays the postsynaptic spikes its rule
/// sees by 2·f·d.
///
/// Refused at `init` with a `ConfigError`: models that are not `ExactlySolvable` (e.g. `iaf_cond_exp`),
/// `bernoulli_input`, which is defined per step, and plasticity that is (rules updated every step, parameters
/// bound to modulators or schedules, matrix rules). The engine is serial (`threads` is 1), and output is the same
/// in every run. Copies of an engine share their neurons' and synapses' state.
public struct EventDrivenEngine: Engine {
    /// The event engine.
    public static let kind = EngineKind.event

    /// The network as built; the neurons' state lives in the engine between events (`value(ofVariable:neuron:population:)`).
    public internal(set) var network: Network
    public internal(set) var statistics: RunStatistics
    public var threads: Int { 1 }
    let neurons: [(any EventDrivenNeurons)?]
    /// The first `CrossingQueue` id of each event-driven population, ascending, with the population's index.
    private let firstIds: [(id: Int, population: Int)]
    /// Each population's place in the order of `RandomStream.key` of its name, which events carry in place of its
    /// index (`ScheduledEvent.population`) and crossing ids follow: simultaneous events are then handled in the
    /// same order whatever the order of the populations in the spec. `populationAtRank` maps back.
    let populationRank: [Int32]
    let populationAtRank: [Int]
    /// Static projections by source population.
    private let outgoing: [[Int]]
    /// Plastic projections' workers, and their indices by source and by target population.
    var plasticWorkers: [any ExactPlasticWorker]
    /// Per plastic projection with changing delays: its delay rule's worker and the first channel (= synapse) of
    /// each source neuron; nil for projections with one fixed delay.
    private let delayWorkers: [(worker: LearnedDelays.Worker, firstChannel: [Int])?]
    /// Per population: the plastic projections whose supervised delay rule it teaches.
    private let taughtBy: [[Int]]
    /// Per plastic projection: how much later than it fires a postsynaptic spike reaches the synapses, twice the
    /// dendritic share of the delay (`dendriticFraction`), in ms.
    let postsynapticShiftMs: [Double]
    private let plasticOutgoing: [[Int]]
    private let plasticIncoming: [[Int]]
    /// Per population: the spike generator's spikes, sorted by (time, id); nil for other populations.
    let spikeTrains: [[(timeMs: Double, id: Int32)]?]
    var poissonStreams: [[RandomStream]]
    /// Per generator projection, the rates [1/ms] its Poisson generator has had, each from a time on (the first
    /// from −∞); one entry unless the rate was changed between runs (`edit`).
    private var poissonRates: [[(fromMs: Double, perMs: Double)]]
    var queue = Heap<ScheduledEvent>()
    var crossings: CrossingQueue
    var step = 0
    var started = false
    // Spikes being collected: of the current step, and of the whole run for exact recorders.
    private var stepSpikes: [[Int32]]
    private var runSpikeTimes: [[Double]]
    private var runSpikeIds: [[Int32]]

    /// - Parameters:
    ///   - network: the lowered network, built with exact delays; the engine owns its copy.
    ///   - threads: ignored; the engine runs on one thread.
    public init(network: Network, threads: Int = 1) throws {
        if let bound = network.parameterBindings.first {
            throw ConfigError(path: "populations[\(bound.population)].params.\(bound.keys[0])",
                              problem: "neuron parameters can follow a modulator or schedule only in the clock engine (\"engine\": \"clock\"); the event engine integrates exactly between events with fixed parameters")
        }
        let byKey = network.populations.indices.sorted {
            (RandomStream.key(network.populations[$0].name), $0) < (RandomStream.key(network.populations[$1].name), $1)
        }
        var rank = [Int32](repeating: 0, count: byKey.count)
        for (r, p) in byKey.enumerated() { rank[p] = Int32(r) }
        // Crossing ids in rank order; the populations are checked in the spec's order, so errors name the first.
        var firstId = [Int](repeating: 0, count: byKey.count), ids = 0
        for p in byKey where network.populations[p] is NeuronGroup<WindowIntegrator> || network.populations[p] is any EventDrivenPopulation {
            firstId[p] = ids
            ids += network.populations[p].count
        }
        var neurons: [(any EventDrivenNeurons)?] = []
        var trains: [[(timeMs: Double, id: Int32)]?] = []
        var firstIds: [(id: Int, population: Int)] = []
        for (p, population) in network.populations.enumerated() {
            switch population {
            case let group as NeuronGroup<WindowIntegrator>:
                neurons.append(WindowNeurons(group, firstId: firstId[p], grid: network.grid))
                trains.append(nil)
                firstIds.append((firstId[p], p))
            case let group as any EventDrivenPopulation:
                neurons.append(try group.makeEventDrivenNeurons(populationIndex: p, firstId: firstId[p]))
                trains.append(nil)
                firstIds.append((firstId[p], p))
            case let group as any ModelPopulation:
                throw ConfigError(path: "populations[\(p)].model",
                                  problem: "\(group.modelName) has no exact event-driven solution; use \"engine\": \"clock\"")
            default:
                // Inputs: spikes known in advance go out at their times; generators feed their targets directly.
                if let train = population.exactSpikeTrain {
                    neurons.append(nil)
                    trains.append(train)
                } else if let drive = population.drive(grid: network.grid), !drive.isCustom {
                    neurons.append(nil)
                    trains.append(nil)
                } else {
                    throw ConfigError(path: "populations[\(p)].model",
                                      problem: "'\(population.name)' is an input defined per time step and has no event-driven form; use \"engine\": \"clock\"")
                }
            }
        }
        if let signal = network.signalProjections.first {
            throw ConfigError(path: "projections[\(signal.projectionIndex)].synapse.type",
                              problem: "sic synapses need the clock engine (\"engine\": \"clock\")")
        }
        var network = network
        plasticWorkers = try network.plasticProjections.indices.map { try network.plasticProjections[$0].makeExactWorker() }
        delayWorkers = try network.plasticProjections.indices.map { q in
            guard let learned = network.plasticProjections[q].learnedDelays else { return nil }
            if !learned.bindings.isEmpty {
                throw ConfigError(path: "projections[\(network.plasticProjections[q].projectionIndex)].delay_plasticity.params.\(learned.bindings[0].key)",
                                  problem: "parameters that follow modulators or schedules change at time steps; use \"engine\": \"clock\"")
            }
            let targets = network.plasticProjections[q].synapses.target, first = network.plasticProjections[q].channels.firstChannel
            return (network.plasticProjections[q].learnedDelays!.makeWorker(grid: network.grid, targets: targets), first)
        }
        self.network = network
        taughtBy = network.populations.indices.map { p in
            network.plasticProjections.indices.filter { network.plasticProjections[$0].learnedDelays?.teacher == p }
        }
        postsynapticShiftMs = network.plasticProjections.map { 2 * $0.dendriticFraction * $0.synapses.uniformDelayMs }
        plasticOutgoing = network.populations.indices.map { p in network.plasticProjections.indices.filter { network.plasticProjections[$0].source == p } }
        plasticIncoming = network.populations.indices.map { p in network.plasticProjections.indices.filter { network.plasticProjections[$0].target == p } }
        for table in network.projections.map(\.synapses) + network.generatorProjections.map(\.synapses)
        where !table.delaySteps.isEmpty && table.delayMs.count != table.count {
            throw SNNError("the network's per-synapse delays were rounded to steps; build it with exact delays (NetworkBuilder does when simulation.engine is \"event\")")
        }
        self.neurons = neurons
        self.firstIds = firstIds.sorted { $0.id < $1.id }
        populationRank = rank
        populationAtRank = byKey
        crossings = CrossingQueue(neuronCount: ids)
        spikeTrains = trains
        outgoing = network.populations.indices.map { p in network.projections.indices.filter { network.projections[$0].source == p } }
        poissonStreams = network.generatorProjections.map { $0.poissonStreams(seed: network.seed) }
        poissonRates = network.generatorProjections.map { g in
            [(-.infinity, (network.populations[g.source] as? PoissonGenerator).map { $0.rateHz / 1000 } ?? 0)]
        }
        statistics = RunStatistics(spikes: [Int](repeating: 0, count: network.populations.count))
        stepSpikes = [[Int32]](repeating: [], count: network.populations.count)
        runSpikeTimes = [[Double]](repeating: [], count: network.populations.count)
        runSpikeIds = [[Int32]](repeating: [], count: network.populations.count)
    }

    public mutating func setModulator(_ name: String, to value: Double) throws {
        try network.setModulator(name, to: value)
    }

    /// Neurons are advanced only when input reaches them; this evolves a copy of the neuron to the current time.
    public func value(ofVariable variable: Int, neuron: Int, population: Int) -> Double {
        guard let n = neurons[population] else { return network.populations[population].value(ofVariable: variable, neuron: neuron) }
        return n.value(ofVariable: variable, neuron: neuron, at: Double(step) * network.grid.dtMs)
    }

    /// Before the first run the engine is simply rebuilt. After it, every neuron is first evolved to now (copies,
    /// so a change that throws leaves the engine as it was), the change acts on that state, and the engine goes on
    /// from the changed network with what the network does not hold carried over: queued events, refractory
    /// periods, plastic traces, random streams, counts. Every crossing is predicted anew. Spikes in flight reach
    /// their targets with the weights their synapses have on arrival (the clock engine adds them at emission). A
    /// Poisson generator's new rate holds for the spikes it emits from now on (`poissonRates`). Refused after the
    /// first run, each in one line: changes to DC or spike generators, and networks with changing delays.
    public mutating func edit(_ change: (inout Network) throws -> Void) throws {
        var network = self.network
        guard started else {
            try change(&network)
            self = try EventDrivenEngine(network: network, threads: threads)
            return
        }
        if let q = delayWorkers.firstIndex(where: { $0 != nil }) {
            throw SNNError("the event engine cannot change a network with changing delays (projection \(network.plasticProjections[q].projectionIndex)) after its first run; use \"engine\": \"clock\"")
        }
        let nowMs = Double(step) * network.grid.dtMs
        for p in neurons.indices { if let n = neurons[p] { network.populations[p] = n.population(at: nowMs) } }
        try change(&network)
        var next = try EventDrivenEngine(network: network, threads: threads)
        try next.goOn(after: self, at: nowMs)
        self = next
    }

    /// Takes over from `previous`, the engine before a change between runs at `nowMs` (`edit`).
    private mutating func goOn(after previous: EventDrivenEngine, at nowMs: Double) throws {
        guard network.populations.count == previous.network.populations.count,
              network.projections.map(\.synapses.count) == previous.network.projections.map(\.synapses.count),
              network.generatorProjections.map(\.synapses.count) == previous.network.generatorProjections.map(\.synapses.count),
              network.plasticProjections.map(\.synapses.count) == previous.network.plasticProjections.map(\.synapses.count) else {
            throw SNNError("a change between runs keeps the network's structure: its populations and synapses")
        }
        for p in spikeTrains.indices {
            let (a, b) = (spikeTrains[p] ?? [], previous.spikeTrains[p] ?? [])
            guard a.elementsEqual(b, by: ==) else {
                throw SNNError("the event engine cannot change the spikes of '\(network.populations[p].name)' after its first run; use \"engine\": \"clock\"")
            }
        }
        for (g, projection) in network.generatorProjections.enumerated() {
            let unchanged: Bool
            switch (projection.drive, previous.network.generatorProjections[g].drive) {
            case (.poisson, .poisson): unchanged = true
            case let (.current(a), .current(b)): unchanged = a == b
            case let (.weightedSpikes(a), .weightedSpikes(b)):
                unchanged = (a.exactWeightedTrains ?? []).elementsEqual(b.exactWeightedTrains ?? []) { $0.elementsEqual($1, by: ==) }
            default: unchanged = false
            }
            guard unchanged else {
                throw SNNError("the event engine cannot change generator '\(network.populations[projection.source].name)' after its first run, except a Poisson rate; use \"engine\": \"clock\"")
            }
        }
        for q in plasticWorkers.indices {
            guard (plasticWorkers[q] as? any ContinuingExactWorker)?.continueTraces(of: previous.plasticWorkers[q]) == true else {
                throw SNNError("the event engine cannot carry the traces of projection \(network.plasticProjections[q].projectionIndex) (\(network.plasticProjections[q].ruleName)) over a change after its first run; use \"engine\": \"clock\"")
            }
        }
        step = previous.step
        statistics = previous.statistics
        started = true
        queue = previous.queue
        poissonStreams = previous.poissonStreams
        for p in neurons.indices {
            if let n = neurons[p] { try n.resume(after: previous.neurons[p]!, at: nowMs, crossings: &crossings) }
        }
        var restart: [Int] = []
        for g in poissonRates.indices {
            var schedule = previous.poissonRates[g]
            let rate = poissonRates[g].last!.perMs
            guard rate != schedule.last!.perMs else {
                poissonRates[g] = schedule
                continue
            }
            // A change needed by no pending arrival any more: those all come after now, beyond the next change + d.
            let table = network.generatorProjections[g].synapses
            let maxDelayMs = table.delaySteps.isEmpty ? table.uniformDelayMs : table.delayMs.max() ?? 0
            while schedule.count > 1 && schedule[1].fromMs + maxDelayMs <= nowMs { schedule.removeFirst() }
            schedule.append((nowMs, rate))
            poissonRates[g] = schedule
            restart.append(g)
        }
        guard !restart.isEmpty else { return }
        // An arrival emitted after now was drawn at the old rate: it goes, and so does a train that had ended at a
        // rate of 0; both start again from now at the new rate, by memorylessness exact.
        var pending = Set<Int64>()
        var kept: [ScheduledEvent] = []
        for e in queue.unordered {
            if e.kind == .poisson, restart.contains(Int(e.stream)) {
                let g = Int(e.stream), k = Int(e.index)
                guard e.timeMs <= nowMs + exactDelay(network.generatorProjections[g].synapses, k) else { continue }
                pending.insert(Int64(g) << 40 | Int64(k))
            }
            kept.append(e)
        }
        queue = Heap(kept)
        for g in restart {
            let projection = network.generatorProjections[g], table = projection.synapses
            for s in 0..<table.sourceCount {
                for k in Int(table.rowStart[s])..<Int(table.rowStart[s + 1]) where !pending.contains(Int64(g) << 40 | Int64(k)) {
                    guard let t = nextPoissonArrival(g, k, after: nowMs + exactDelay(table, k)) else { continue }
                    queue.insert(ScheduledEvent(timeMs: t, kind: .poisson, population: populationRank[projection.source],
                                                neuron: Int32(s), stream: Int32(g), index: Int64(k)))
                }
            }
        }
    }

    public mutating func restart(from network: Network) throws {
        var next = try EventDrivenEngine(network: network, threads: threads)
        next.poissonStreams = poissonStreams
        self = next
    }

    public mutating func run(durationMs: Double, recorders: inout [any Recorder],
                             observer: ((_ simulatedMs: Double) -> Void)?) throws {
        if !started {
            scheduleStart()
            started = true
        }
        let grid = network.grid
        let end = step + (try grid.checkedSteps(durationMs, path: "durationMs"))
        let reportEvery = max(1, grid.steps(100))
        let exact = recorders.indices.filter { recorders[$0] is any ExactSpikeObserving }
        var recording = RunRecording(recorders) { $0 is any ExactSpikeObserving }
        let clock = SampleClock()
        let views: [any Population] = network.populations.indices.map { p in
            guard let n = neurons[p] else { return network.populations[p] }
            return SampledPopulation(base: network.populations[p], neurons: n, clock: clock)
        }
        var numericalError: NumericalError?
        // As the clock engine's guard: a scan every `ClockDrivenEngine.numericalGuardMs` and at the end.
        let guardSteps = max(1, grid.steps(ClockDrivenEngine.numericalGuardMs))
        var nextGuard = step + guardSteps
        while step < end && numericalError == nil && Interruption.pending == nil {
            let stepEnd = grid.spikeTime(step: step)
            for m in network.modulators.indices { network.modulators[m].begin(step: step) }
            while true {
                let event = queue.min
                if let crossing = crossings.first, crossing.timeMs <= stepEnd {
                    let (population, neuron) = owner(ofId: crossing.id)
                    let spike = ScheduledEvent(timeMs: crossing.timeMs, kind: .spike, population: populationRank[population],
                                               neuron: Int32(neuron), stream: 0, index: 0)
                    if event.map({ spike < $0 }) ?? true {
                        guard crossing.exact else {
                            neurons[population]!.resolveCrossing(neuron, crossings: &crossings)
                            continue
                        }
                        crossings.removeFirst()
                        neurons[population]!.fire(neuron, at: spike.timeMs, crossings: &crossings)
                        emit(population: population, neuron: spike.neuron, at: spike.timeMs)
                        continue
                    }
                }
                guard let event, event.timeMs <= stepEnd else { break }
                handle(queue.removeMin())
            }
            clock.timeMs = stepEnd
            for p in stepSpikes.indices where stepSpikes[p].count > 1 { stepSpikes[p].sort() }
            // Modulators follow the steps of dt here too, so that recorders and code reading them see them move;
            // no rule of the event engine reads them (bound parameters are refused).
            recording.observe(step: step, spikes: stepSpikes, populations: views, modulators: network.modulators,
                              recorders: &recorders, weights: { [plasticWorkers] in UnsafePointer(plasticWorkers[$0].weights) },
                              delays: { [delayWorkers] in delayWorkers[$0].map { UnsafePointer($0.worker.delayMs) } })
            for m in network.modulators.indices { network.modulators[m].observe(spikes: stepSpikes, populations: views) }
            for p in stepSpikes.indices { stepSpikes[p].removeAll(keepingCapacity: true) }
            step += 1
            if step % reportEvery == 0 { observer?(Double(step) * grid.dtMs) }
            if step >= nextGuard || step >= end || Interruption.pending != nil {
                numericalError = firstNonFiniteState()
                nextGuard = step + guardSteps
            }
        }
        recording.finish(into: &recorders)
        for r in exact {
            var recorder = recorders[r] as! any ExactSpikeObserving
            recorder.observe(exactSpikes: runSpikeTimes[recorder.population], ids: runSpikeIds[recorder.population])
            recorders[r] = recorder
        }
        for p in runSpikeTimes.indices {
            runSpikeTimes[p].removeAll()
            runSpikeIds[p].removeAll()
        }
        for p in neurons.indices { if let n = neurons[p] { network.populations[p] = n.population } }
        statistics.simulatedMs = Double(step) * grid.dtMs
        if let numericalError { throw numericalError }
    }

    /// The numerical guard: the first NaN or infinite state value of any event-driven population, each neuron as
    /// of its last event.
    private func firstNonFiniteState() -> NumericalError? {
        for n in neurons {
            guard let n, let (variable, neuron) = n.firstNonFiniteValue() else { continue }
            let population = n.population
            return NumericalError(population: population.name, variable: population.variableNames[variable], neuron: neuron,
                                  value: population.value(ofVariable: variable, neuron: neuron),
                                  timeMs: Double(step) * network.grid.dtMs)
        }
        return nil
    }

    /// Everything that happens on its own from t = 0: crossings predicted from the initial state, the first spike
    /// of each spike generator and of each Poisson train, generator currents switching on.
    private mutating func scheduleStart() {
        for n in neurons { n?.start(at: 0, crossings: &crossings) }
        for (p, train) in spikeTrains.enumerated() {
            if let first = train?.first {
                queue.insert(ScheduledEvent(timeMs: first.timeMs, kind: .spike, population: populationRank[p], neuron: first.id, stream: 0, index: 0))
            }
        }
        for (g, projection) in network.generatorProjections.enumerated() {
            let table = projection.synapses
            for s in 0..<table.sourceCount {
                for k in Int(table.rowStart[s])..<Int(table.rowStart[s + 1]) {
                    let event = ScheduledEvent(timeMs: exactDelay(table, k), kind: .poisson, population: populationRank[projection.source],
                                               neuron: Int32(s), stream: Int32(g), index: Int64(k))
                    switch projection.drive {
                    case .poisson:
                        guard poissonRates[g][0].perMs > 0 else { continue }
                        var first = event
                        first.timeMs += nextPoissonInterval(g, k, ratePerMs: poissonRates[g][0].perMs)
                        queue.insert(first)
                    case .weightedSpikes(let generator):
                        guard let first = generator.exactWeightedTrains?[s].first else { continue }
                        var arrival = event
                        arrival.kind = .weightedSpike
                        arrival.timeMs += first.timeMs
                        arrival.neuron = 0
                        queue.insert(arrival)
                    case .current(let dc):
                        guard dc.startMs < dc.stopMs else { continue }
                        var on = event
                        on.kind = .current
                        on.timeMs += dc.startMs
                        on.index = Int64(2 * k)
                        queue.insert(on)
                    case .custom:
                        preconditionFailure("custom drives are refused when the engine is made")
                    }
                }
            }
        }
    }

    /// The population and index of the neuron with `CrossingQueue` id `id`.
    private func owner(ofId id: Int) -> (population: Int, neuron: Int) {
        let first = firstIds.last { $0.id <= id }!
        return (first.population, id - first.id)
    }

    private func exactDelay(_ table: SynapseTable, _ k: Int) -> Double {
        table.delaySteps.isEmpty ? table.uniformDelayMs : table.delayMs[k]
    }

    private mutating func nextPoissonInterval(_ g: Int, _ k: Int, ratePerMs: Double) -> Double {
        -log1p(-poissonStreams[g][k].nextUniform()) / ratePerMs
    }

    /// The Poisson arrival at synapse `k` of generator projection `g` after one at `t`, nil if there is none. The
    /// rate changes at the emission times of `poissonRates[g]`, at t + d in arrival times; an interval that would
    /// run past a change starts again there at the new rate (exact for a Poisson process, being memoryless).
    private mutating func nextPoissonArrival(_ g: Int, _ k: Int, after t: Double) -> Double? {
        let rates = poissonRates[g]
        guard rates.count > 1 else { return t + nextPoissonInterval(g, k, ratePerMs: rates[0].perMs) }
        let d = exactDelay(network.generatorProjections[g].synapses, k)
        var c = rates.lastIndex { $0.fromMs + d <= t } ?? 0, from = t
        while true {
            let rate = rates[c].perMs
            let candidate = rate > 0 ? from + nextPoissonInterval(g, k, ratePerMs: rate) : .infinity
            guard c + 1 < rates.count else { return candidate.isFinite ? candidate : nil }
            let change = rates[c + 1].fromMs + d
            if candidate <= change { return candidate }
            (from, c) = (change, c + 1)
        }
    }

    private mutating func handle(_ e: ScheduledEvent) {
        let t = e.timeMs
        switch e.kind {
        case .arrival where e.stream < 0:
            let q = -Int(e.stream) - 1
            let row = plasticWorkers[q].arrive(source: Int(e.neuron), at: t)
            deliver(to: network.plasticProjections[q].target, network.plasticProjections[q].synapses,
                    weights: plasticWorkers[q].weights, row, at: t)
            delayWorkers[q]?.worker.arrive(synapse: Int(e.neuron), at: t)
        case .arrival:
            let projection = network.projections[Int(e.stream)]
            let table = projection.synapses
            let first = Int(e.index)
            let last = table.delaySteps.isEmpty ? Int(table.rowStart[Int(e.neuron) + 1]) : first + 1
            deliver(to: projection.target, table, first..<last, at: t)
        case .poisson:
            let g = Int(e.stream), k = Int(e.index)
            let projection = network.generatorProjections[g]
            deliver(to: projection.target, projection.synapses, k..<k + 1, at: t)
            if let arrival = nextPoissonArrival(g, k, after: t) {
                var next = e
                next.timeMs = arrival
                queue.insert(next)
            }
        case .weightedSpike:
            let projection = network.generatorProjections[Int(e.stream)]
            guard case .weightedSpikes(let generator) = projection.drive, let trains = generator.exactWeightedTrains else {
                preconditionFailure("a weighted spike from a generator without spike_weights")
            }
            let k = Int(e.index), table = projection.synapses
            var row = 0, last = table.sourceCount
            while row < last {
                let mid = (row + last) / 2
                if Int(table.rowStart[mid + 1]) <= k { row = mid + 1 } else { last = mid }
            }
            let train = trains[row], j = Int(e.neuron)
            // Event-engine weights are single precision, as the synapse tables store them.
            let weight = Float(Double(table.weight[k]) * train[j].factor)
            statistics.synapticEvents += 1
            withUnsafePointer(to: weight) { w in
                table.target.withUnsafeBufferPointer { targets in
                    neurons[projection.target]!.receive(targets: UnsafeBufferPointer(rebasing: targets[k..<k + 1]),
                                                        weights: UnsafeBufferPointer(start: w, count: 1), at: t,
                                                        crossings: &crossings)
                }
            }
            if j + 1 < train.count {
                var next = e
                next.timeMs = train[j + 1].timeMs + exactDelay(table, k)
                next.neuron = Int32(j + 1)
                queue.insert(next)
            }
        case .current:
            let projection = network.generatorProjections[Int(e.stream)]
            guard case .current(let dc) = projection.drive else { preconditionFailure("a current event from a Poisson generator") }
            let k = Int(e.index / 2), off = e.index % 2 == 1
            let amount = dc.amplitudePA * Double(projection.synapses.weight[k])
            neurons[projection.target]!.changeCurrent(Int(projection.synapses.target[k]), by: off ? -amount : amount, at: t,
                                                      crossings: &crossings)
            // A stop beyond any representable time (the default) never comes.
            if !off && dc.stopMs < .greatestFiniteMagnitude {
                var stop = e
                stop.timeMs = dc.stopMs + exactDelay(projection.synapses, k)
                stop.index += 1
                queue.insert(stop)
            }
        case .postsynaptic:
            plasticWorkers[Int(e.stream)].postsynapticSpike(target: Int(e.neuron), at: t)
        case .spike:
            let p = populationAtRank[Int(e.population)]
            if let train = spikeTrains[p], Int(e.index) + 1 < train.count {
                let next = train[Int(e.index) + 1]
                queue.insert(ScheduledEvent(timeMs: next.timeMs, kind: .spike, population: e.population, neuron: next.id,
                                            stream: 0, index: e.index + 1))
            }
            emit(population: p, neuron: e.neuron, at: t)
        }
    }

    /// Synapses `synapses` of `table` deliver their input to population `p` at `t`, with the table's weights or
    /// `weights` (a plastic projection's current ones).
    private mutating func deliver(to p: Int, _ table: SynapseTable, weights: UnsafePointer<Float>? = nil,
                                  _ synapses: Range<Int>, at t: Double) {
        statistics.synapticEvents += UInt64(synapses.count)
        table.target.withUnsafeBufferPointer { targets in
            table.weight.withUnsafeBufferPointer { tableWeights in
                let base = weights ?? tableWeights.baseAddress!
                neurons[p]!.receive(targets: UnsafeBufferPointer(rebasing: targets[synapses]),
                                    weights: UnsafeBufferPointer(start: base + synapses.lowerBound, count: synapses.count),
                                    at: t, crossings: &crossings)
            }
        }
    }

    private mutating func emit(population p: Int, neuron i: Int32, at t: Double) {
        statistics.spikes[p] += 1
        stepSpikes[p].append(i)
        runSpikeTimes[p].append(t)
        runSpikeIds[p].append(i)
        for q in plasticIncoming[p] {
            guard postsynapticShiftMs[q] == 0 else {
                queue.insert(ScheduledEvent(timeMs: t + postsynapticShiftMs[q], kind: .postsynaptic, population: populationRank[p],
                                            neuron: i, stream: Int32(q), index: 0))
                continue
            }
            plasticWorkers[q].postsynapticSpike(target: Int(i), at: t)
            delayWorkers[q]?.worker.postsynapticSpike(target: Int(i), at: t)
        }
        for q in taughtBy[p] { delayWorkers[q]?.worker.teacherSpike(target: Int(i), at: t) }
        for q in plasticOutgoing[p] {
            guard let (worker, first) = delayWorkers[q] else {
                queue.insert(ScheduledEvent(timeMs: t + network.plasticProjections[q].synapses.uniformDelayMs, kind: .arrival,
                                            population: populationRank[p], neuron: i, stream: Int32(-q - 1), index: 0))
                continue
            }
            // One arrival per synapse (its own channel), at the delay the synapse has now.
            for c in first[Int(i)]..<first[Int(i) + 1] {
                queue.insert(ScheduledEvent(timeMs: t + worker.delayMs[c], kind: .arrival, population: populationRank[p],
                                            neuron: Int32(c), stream: Int32(-q - 1), index: 0))
            }
        }
        for j in outgoing[p] {
            let table = network.projections[j].synapses
            let begin = Int(table.rowStart[Int(i)]), end = Int(table.rowStart[Int(i) + 1])
            guard begin < end else { continue }
            var arrival = ScheduledEvent(timeMs: 0, kind: .arrival, population: populationRank[p], neuron: i, stream: Int32(j), index: 0)
            if table.delaySteps.isEmpty {
                arrival.timeMs = t + table.uniformDelayMs
                arrival.index = Int64(begin)
                queue.insert(arrival)
            } else {
                for k in begin..<end {
                    arrival.timeMs = t + table.delayMs[k]
                    arrival.index = Int64(k)
                    queue.insert(arrival)
                }
            }
        }
    }
}

/// The time state recorders sample at, shared by the views of one run.
private final class SampleClock {
    var timeMs = 0.0
}

/// A neuron population as state recorders see it from the event-driven engine: values evolved to the sample time.
private struct SampledPopulation: Population, @unchecked Sendable {
    let base: any Population
    let neurons: any EventDrivenNeurons
    let clock: SampleClock

    var name: String { base.name }
    var count: Int { base.count }
    var ports: InputPorts? { base.ports }
    var variableNames: [String] { base.variableNames }

    mutating func makeStepper() -> any PopulationStepper {
        preconditionFailure("a sampled view of an event-driven population cannot be stepped")
    }

    func value(ofVariable variable: Int, neuron: Int) -> Double {
        neurons.value(ofVariable: variable, neuron: neuron, at: clock.timeMs)
    }
}
