import CSNNKernels

/// The clock-driven engine: fixed step dt, exact per-step integration supplied by the models, spikes delivered
/// into per-population input rings after their delays, work split over threads by target neuron ranges.
///
/// A run proceeds in slices of `sliceSteps` = the minimum delay between spiking populations (NEST's min-delay
/// communication interval):
/// 1. in one parallel region for all steps of the slice: every part advances its neurons of every population
///    step by step, the neurons taking (reading and clearing) their ring entries of the step, and adds its
///    targets' generator input (Poisson counts, currents) to the ring slots of step + delay; then, serially, the
///    parts' spikes of each step are joined in ascending neuron order and recorders observe the step. The region
///    ends early after a step whose state a recorder reads (`Recorder.readsState(afterStep:)`), and after every
///    step when plastic projections, modulators, bound neuron parameters or signal projections (an astrocyte's
///    slow inward current, `SignalDelivery`) need serial work between steps;
/// 2. at the end of the slice, in one parallel region, every part delivers all spikes of the slice to its own
///    targets, projection by projection, in (step, neuron) order, each row in storage order. A spike of step k
///    reaches the slot of step k + d ≥ k + sliceSteps, never inside the slice that produced it.
/// The order of every floating-point sum is fixed by construction, so output is bit-identical across runs and
/// thread counts (see `ThreadPartition`).
public struct ClockDrivenEngine: Engine, Sendable {
    /// The clock engine.
    public static let kind = EngineKind.clock
    /// With `threads: 0`, networks get one thread per this many neurons at most (CUBA's 4000 neurons gained
    /// nothing from a second thread in tools/bench; Brunel's 12 500 ran 1.7× faster).
    public static let neuronsPerAutomaticThread = 5000
    /// How often the numerical guard scans the state for NaN and infinities [ms of simulated time].
    public static let numericalGuardMs = 10.0

    /// The network and its state after the last step.
    public internal(set) var network: Network
    public internal(set) var statistics: RunStatistics
    /// Steps between spike deliveries: the minimum delay between spiking populations.
    public let sliceSteps: Int
    public var threads: Int { partition.parts }
    private let partition: ThreadPartition
    var rings: [InputRing?]
    /// Per population, bit p set: something writes to ring plane p. The others stay zero; models skip them.
    var livePlanes: [UInt32]
    /// For each static projection: the ring planes of its weights ≥ 0 and < 0, the same plane when all its
    /// weights go to one (the delivery kernel then skips the choice per synapse).
    private let projectionPlanes: [(positive: Int32, negative: Int32)]
    /// For each static projection, then each generator projection: the part boundaries of every row.
    private let projectionSplits: [[[Int64]]]
    private let generatorSplits: [[[Int64]]]
    private let plasticSplits: [[[Int64]]]
    var plasticArrivals: PlasticArrivalQueue
    private let plasticChannels: [DelayChannels]
    /// Per plastic projection: how many steps after they happen postsynaptic spikes reach the synapses,
    /// round(2·f·d) for a dendritic share f of the delay d (`PlasticSynapses.dendriticFraction`), and those on
    /// their way, by the step they are due (ascending).
    private let postsynapticShiftSteps: [Int]
    var shiftedPostsynapticSpikes: [[(step: Int, targets: [Int32])]]
    /// One stream per synapse of each Poisson generator projection (empty for other generators), and its sampler.
    var poissonStreams: [Column<RandomStream>]
    private let poissonSamplers: [PoissonDistribution?]
    var step = 0

    /// - Parameters:
    ///   - network: the lowered network; the engine owns its copy.
    ///   - threads: worker threads; 0 means the OpenMP runtime's default (all cores), but at most one thread per
    ///     `neuronsPerAutomaticThread` neurons: below that a step's work is shorter than a fork/join.
    public init(network: Network, threads: Int = 1) throws {
        self.network = network
        let minDelay = (network.projections.map(\.synapses.minDelaySteps)
                        + network.plasticProjections.map { $0.learnedDelays?.minimumSteps(grid: network.grid) ?? $0.synapses.minDelaySteps }).min() ?? Int.max
        // Buffers are sized for the longest delay a projection may take (`max_delay_ms`), so that delays changed
        // between runs or learned during one fit the buffers that `edit` keeps.
        let maxDelay = (network.projections.map(\.synapses.delayBoundSteps)
                        + network.generatorProjections.map(\.synapses.delayBoundSteps)
                        + network.plasticProjections.map { $0.learnedDelays?.boundSteps ?? $0.synapses.delayBoundSteps }
                        + network.signalProjections.map(\.synapses.delayBoundSteps)).max() ?? 1
        // Long slices only postpone delivery; 100 steps bounds the spike buffers of delay-free networks. A delay
        // rule moves delays within a slice, and a spike must leave with its synapse's delay of the step it is
        // emitted in, not of the slice's end: such networks exchange spikes every step.
        let learns = network.plasticProjections.contains { $0.learnedDelays?.rule != nil }
        let slice = learns ? 1 : max(1, min(minDelay, 100))
        // Independent of the current delays when there are spiking projections (slice ≤ min(bound, 100)).
        let slots = max(slice, min(maxDelay, 100)) + maxDelay + 1
        sliceSteps = slice
        let neurons = network.populations.reduce(0) { $0 + $1.count }
        let automatic = min(ThreadTeam.defaultThreadCount, max(1, neurons / Self.neuronsPerAutomaticThread))
        partition = ThreadPartition(parts: threads > 0 ? threads : automatic,
                                    populationSizes: network.populations.map(\.count))
        rings = network.populations.map { pop in
            pop.ports.map { InputRing(ports: $0, count: pop.count, minimumSlots: slots) }
        }
        plasticArrivals = PlasticArrivalQueue(projections: network.plasticProjections.count, minimumSlots: slots)
        plasticChannels = network.plasticProjections.map(\.channels)
        postsynapticShiftSteps = network.plasticProjections.map { Int((2 * $0.dendriticFraction * Double($0.synapses.uniformDelaySteps)).rounded()) }
        shiftedPostsynapticSpikes = network.plasticProjections.map { _ in [] }
        var live = network.populations.map { _ in Set<Int>() }
        func feed(_ target: Int, weights: [Float]) {
            guard let ports = network.populations[target].ports else { return }
            live[target].formUnion(Self.planes(of: weights, ports: ports))
        }
        let staticPlanes = network.projections.map { projection in
            network.populations[projection.target].ports.map { Self.planes(of: projection.synapses.weight, ports: $0) } ?? []
        }
        for (projection, used) in zip(network.projections, staticPlanes) { live[projection.target].formUnion(used) }
        for plastic in network.plasticProjections {
            if let ports = network.populations[plastic.target].ports {
                if plastic.canBeExcitatory { live[plastic.target].insert(ports.excitatory) }
                if plastic.canBeInhibitory { live[plastic.target].insert(ports.inhibitory) }
            }
        }
        for g in network.generatorProjections {
            switch g.drive {
            case .poisson: feed(g.target, weights: g.synapses.weight)
            case .current: if let ports = network.populations[g.target].ports, g.synapses.count > 0 { live[g.target].insert(ports.current) }
            case .weightedSpikes:
                // A negative factor turns a weight's sign, so both synaptic ports may receive.
                if let ports = network.populations[g.target].ports, g.synapses.count > 0 {
                    live[g.target].formUnion([ports.excitatory, ports.inhibitory])
                }
            case .custom(let drive):
                switch drive.kind {
                case .current: if let ports = network.populations[g.target].ports, g.synapses.count > 0 { live[g.target].insert(ports.current) }
                case .spikes: feed(g.target, weights: g.synapses.weight)
                }
            }
        }
        for signal in network.signalProjections where signal.synapses.count > 0 {
            if let ports = network.populations[signal.target].ports { live[signal.target].insert(ports.current) }
        }
        projectionPlanes = staticPlanes.map { used in (Int32(used.first ?? 0), Int32(used.last ?? 0)) }
        livePlanes = live.map { $0.reduce(0) { $0 | 1 << UInt32($1) } }
        projectionSplits = network.projections.map { [partition] in partition.rowSplits($0.synapses, targetPopulation: $0.target) }
        plasticSplits = network.plasticProjections.map { [partition] in partition.rowSplits($0.synapses, targetPopulation: $0.target) }
        generatorSplits = network.generatorProjections.map { [partition] in partition.rowSplits($0.synapses, targetPopulation: $0.target) }
        poissonStreams = network.generatorProjections.map { Column($0.poissonStreams(seed: network.seed)) }
        poissonSamplers = network.generatorProjections.map { g in
            guard case .poisson(let mean) = g.drive else { return nil }
            return PoissonDistribution(mean: mean)
        }
        statistics = RunStatistics(spikes: [Int](repeating: 0, count: network.populations.count))
    }

    /// The ring planes that weights go to, excitatory first: the excitatory port for w ≥ 0, the inhibitory for w < 0.
    private static func planes(of weights: [Float], ports: InputPorts) -> [Int] {
        var positive = false, negative = false
        for w in weights {
            if w < 0 { negative = true } else { positive = true }
            if positive && negative { break }
        }
        return (positive ? [ports.excitatory] : []) + (negative ? [ports.inhibitory] : [])
    }

    public func value(ofVariable variable: Int, neuron: Int, population: Int) -> Double {
        network.populations[population].value(ofVariable: variable, neuron: neuron)
    }

    /// The engine is lowered again from the changed network and keeps what is in flight: the ring buffers'
    /// input, the plastic arrivals, the Poisson streams' positions, the step and the counts.
    public mutating func edit(_ change: (inout Network) throws -> Void) throws {
        var network = self.network
        try change(&network)
        var next = try ClockDrivenEngine(network: network, threads: partition.parts)
        next.rings = rings
        next.plasticArrivals = plasticArrivals
        next.shiftedPostsynapticSpikes = shiftedPostsynapticSpikes
        next.poissonStreams = poissonStreams
        next.step = step
        next.statistics = statistics
        // A plane that held input must still be read and cleared, even if nothing writes to it any more.
        next.livePlanes = zip(next.livePlanes, livePlanes).map { $0 | $1 }
        self = next
    }

    public mutating func restart(from network: Network) throws {
        var next = try ClockDrivenEngine(network: network, threads: partition.parts)
        next.poissonStreams = poissonStreams
        self = next
    }

    public mutating func setModulator(_ name: String, to value: Double) throws {
        try network.setModulator(name, to: value)
    }

    /// Runs the slices described at the type: for each run of steps inside a slice, serial plasticity and
    /// modulator work, the parallel advance (`Work.advance`), then serially the joining of the parts' spikes
    /// (`SpikeExchange`) and the recorders (`RunRecording`); at the end of each slice, parallel delivery
    /// (`Work.deliver`) and the queueing of plastic arrivals (`PlasticArrivalQueue`).
    public mutating func run(durationMs: Double, recorders: inout [any Recorder],
                             observer: ((_ simulatedMs: Double) -> Void)?) throws {
        let end = step + (try network.grid.checkedSteps(durationMs, path: "durationMs"))
        let reportEvery = max(1, network.grid.steps(100))
        let parts = partition.parts
        let steppers = network.populations.indices.map { network.populations[$0].makeStepper() }
        let ringBases = rings.indices.map { rings[$0] == nil ? nil : rings[$0]!.mutablePointer() }
        let layouts = rings.map { $0?.layout }
        let streamBases = poissonStreams.indices.map { poissonStreams[$0].mutablePointer() }
        let plasticWorkers = network.plasticProjections.indices.map { network.plasticProjections[$0].makeWorker(grid: network.grid) }
        let weightBases = network.plasticProjections.indices.map { network.plasticProjections[$0].weights.baseAddress }
        let delayTeachers = network.plasticProjections.map { $0.learnedDelays?.teacher }
        let delayWorkers = network.plasticProjections.indices.map { q in
            let targets = network.plasticProjections[q].synapses.target
            return network.plasticProjections[q].learnedDelays?.makeWorker(grid: network.grid, targets: targets)
        }
        var recording = RunRecording(recorders)
        var work = Work(partition: partition, steppers: steppers, ringBases: ringBases, layouts: layouts, livePlanes: livePlanes,
                        projections: network.projections, projectionPlanes: projectionPlanes,
                        projectionSplits: projectionSplits,
                        generators: network.generatorProjections, generatorSplits: generatorSplits,
                        streamBases: streamBases, poissonSamplers: poissonSamplers,
                        plastic: network.plasticProjections.map { ($0.source, $0.target) }, plasticWorkers: plasticWorkers,
                        delayWorkers: delayWorkers.map { $0?.learns == true ? $0 : nil },
                        postsynapticShiftSteps: postsynapticShiftSteps, plasticSplits: plasticSplits)
        var exchange = SpikeExchange(parts: parts, populations: network.populations.count)
        let partBuffers = exchange.partBuffers
        let partEvents = UnsafeMutablePointer<UInt64>.allocate(capacity: parts)
        partEvents.initialize(repeating: 0, count: parts)
        defer {
            exchange.deallocate()
            partEvents.deallocate()
        }
        // Plasticity and modulators have serial work between steps; otherwise the threads run through a slice
        // and stop only after steps whose state a recorder reads.
        let stepByStep = !plasticWorkers.isEmpty || !network.modulators.isEmpty || !network.parameterBindings.isEmpty
            || !network.signalProjections.isEmpty
        var signals = SignalDelivery(projections: network.signalProjections, populations: network.populations)

        var numericalError: NumericalError?
        // A scan of every state value costs about as much as a delta-synapse update step, so it runs once per
        // `numericalGuardMs` of simulated time (and at the end of the run), not after every short slice.
        let guardSteps = max(1, network.grid.steps(Self.numericalGuardMs))
        var nextGuard = step + guardSteps
        // A stop request (`Interruption`) is honoured between slices, where nothing is half delivered.
        while step < end && numericalError == nil && Interruption.pending == nil {
            let sliceEnd = min(step + self.sliceSteps, end)
            while step < sliceEnd {
                let first = self.step
                var last = first
                while !stepByStep && last + 1 < sliceEnd && !recorders.contains(where: { $0.readsState(afterStep: last) }) {
                    last += 1
                }
                // Non-empty only with plastic projections, so only in runs of one step.
                let arrivals = plasticArrivals.due(step: first)
                for m in network.modulators.indices { network.modulators[m].begin(step: first) }
                for b in network.parameterBindings.indices {
                    var bindings = network.parameterBindings[b]
                    if try bindings.apply(step: first, modulators: network.modulators,
                                          to: &network.populations[bindings.population], grid: network.grid) {
                        work.steppers[bindings.population] = network.populations[bindings.population].makeStepper()
                    }
                    network.parameterBindings[b] = bindings
                }
                for (q, worker) in plasticWorkers.enumerated() {
                    try worker.prepare(step: first, modulators: network.modulators)
                    try delayWorkers[q]?.prepare(step: first, modulators: network.modulators)
                    worker.decayTraces()
                    if !arrivals[q].isEmpty { worker.beginStep(arrivals: arrivals[q]) }
                }
                let stepWork = work
                ThreadTeam.run(parts: parts) { part in
                    let spikes = partBuffers.spikes(ofPart: part)
                    for step in first...last {
                        partEvents[part] += stepWork.advance(step: step, part: part, spikes: spikes, plasticArrivals: arrivals)
                        partBuffers.endStep(ofPart: part)
                    }
                }
                // Postsynaptic spikes that reach their synapses only now (a dendritic share of the delay), after this
                // step's arrivals, as unshifted ones.
                for q in shiftedPostsynapticSpikes.indices {
                    while let due = shiftedPostsynapticSpikes[q].first, due.step == first {
                        plasticWorkers[q].postsynapticSpikes(due.targets[...], step: first)
                        shiftedPostsynapticSpikes[q].removeFirst()
                    }
                }
                // Every step, also without arrivals: matrix rules end their periods here.
                for (q, worker) in plasticWorkers.enumerated() { worker.endStep(arrivals: arrivals[q], step: first) }
                plasticArrivals.clear(step: first)
                for (k, step) in (first...last).enumerated() {
                    let stepSpikes = exchange.join(stepOffset: k, step: step)
                    signals.deliver(step: step, populations: network.populations, ringBases: ringBases, layouts: layouts)
                    for p in stepSpikes.indices { statistics.spikes[p] += stepSpikes[p].count }
                    for (q, worker) in delayWorkers.enumerated() {
                        guard let worker, let teacher = delayTeachers[q], !stepSpikes[teacher].isEmpty else { continue }
                        worker.teacherSpikes(stepSpikes[teacher], step: step)
                    }
                    for (q, shift) in postsynapticShiftSteps.enumerated() where shift > 0 {
                        let fired = stepSpikes[work.plastic[q].target]
                        if !fired.isEmpty { shiftedPostsynapticSpikes[q].append((step + shift, fired)) }
                    }
                    recording.observe(step: step, spikes: stepSpikes, populations: network.populations,
                                      modulators: network.modulators, recorders: &recorders, weights: { plastic in
                        plasticWorkers[plastic].flush()
                        return weightBases[plastic]
                    }, delays: { plastic in delayWorkers[plastic].map { UnsafePointer($0.delayMs) } })
                    for m in network.modulators.indices {
                        network.modulators[m].observe(spikes: stepSpikes, populations: network.populations)
                    }
                    self.step += 1
                    if self.step % reportEvery == 0 { observer?(Double(self.step) * network.grid.dtMs) }
                }
                exchange.clearParts()
            }
            // In a block: the slice's lists must be released before they are cleared, or clearing would copy them.
            do {
                let (sliceSources, sliceSteps) = (exchange.sliceSources, exchange.sliceSteps)
                ThreadTeam.run(parts: parts) { part in
                    partEvents[part] += work.deliver(part: part, sources: sliceSources, steps: sliceSteps)
                }
                for (q, plastic) in network.plasticProjections.enumerated() {
                    plasticArrivals.enqueue(projection: q, sources: sliceSources[plastic.source],
                                            steps: sliceSteps[plastic.source], channels: plasticChannels[q],
                                            delaySteps: delayWorkers[q].map { UnsafePointer($0.delaySteps) })
                }
            }
            exchange.clearSlice()
            if step >= nextGuard || step >= end || Interruption.pending != nil {
                numericalError = firstNonFiniteState()
                nextGuard = step + guardSteps
            }
        }
        for worker in plasticWorkers { worker.flush() }
        for (q, worker) in delayWorkers.enumerated() {
            if let worker { network.plasticProjections[q].learnedDelays?.finish(worker) }
        }
        for part in 0..<parts { statistics.synapticEvents += partEvents[part] }
        recording.finish(into: &recorders)
        statistics.simulatedMs = Double(step) * network.grid.dtMs
        if let numericalError { throw numericalError }
    }

    /// The numerical guard (every `numericalGuardMs` and at the end of a run): the first NaN or infinite state
    /// value of any population.
    private func firstNonFiniteState() -> NumericalError? {
        for population in network.populations {
            guard let (variable, neuron) = population.firstNonFiniteValue() else { continue }
            return NumericalError(population: population.name, variable: population.variableNames[variable], neuron: neuron,
                                  value: population.value(ofVariable: variable, neuron: neuron),
                                  timeMs: Double(step) * network.grid.dtMs)
        }
        return nil
    }

    /// What the parts of a run share: read-only tables and raw pointers into state that each part touches only in
    /// its own neuron ranges.
    private struct Work: @unchecked Sendable {
        let partition: ThreadPartition
        var steppers: [any PopulationStepper]
        let ringBases: [UnsafeMutablePointer<Double>?]
        let layouts: [InputRing.Layout?]
        let livePlanes: [UInt32]
        let projections: [StaticProjection]
        let projectionPlanes: [(positive: Int32, negative: Int32)]
        let projectionSplits: [[[Int64]]]
        let generators: [GeneratorProjection]
        let generatorSplits: [[[Int64]]]
        let streamBases: [UnsafeMutablePointer<RandomStream>]
        let poissonSamplers: [PoissonDistribution?]
        /// (source, target) population of each plastic projection, its worker, its delay rule's worker (nil
        /// without a rule) and its row splits.
        let plastic: [(source: Int, target: Int)]
        let plasticWorkers: [any PlasticWorker]
        let delayWorkers: [LearnedDelays.Worker?]
        /// Projections with a shift > 0 take their postsynaptic spikes serially, when they reach the synapses.
        let postsynapticShiftSteps: [Int]
        let plasticSplits: [[[Int64]]]

        /// Phase 1 for one part: per-step synapse updates of rules that want them, plastic arrivals of this step
        /// (depression, then their input), the update of its
        /// neurons (clearing their ring entries), potentiation at their spikes, generator input. Appends the
        /// step's spikes to `spikes`, which holds only this step's when there are plastic projections (they run
        /// one step per parallel region). Returns the synaptic events of plastic arrivals and Poisson spikes.
        func advance(step: Int, part: Int, spikes: UnsafeMutablePointer<[Int32]>, plasticArrivals: [[Int32]]) -> UInt64 {
            var events: UInt64 = 0
            for q in plasticWorkers.indices where plasticWorkers[q].updatesEveryStep {
                plasticSplits[q][part].withUnsafeBufferPointer { begin in
                    plasticSplits[q][part + 1].withUnsafeBufferPointer { end in
                        plasticWorkers[q].stepSynapses(rowBegin: begin.baseAddress!, rowEnd: end.baseAddress!)
                    }
                }
            }
            for q in plasticWorkers.indices where !plasticArrivals[q].isEmpty {
                let t = plastic[q].target
                let layout = layouts[t]!
                let slot = ringBases[t]! + layout.offset(step: step, plane: 0)
                events += plasticSplits[q][part].withUnsafeBufferPointer { begin in
                    plasticSplits[q][part + 1].withUnsafeBufferPointer { end in
                        let events = plasticWorkers[q].arrive(arrivals: plasticArrivals[q], rowBegin: begin.baseAddress!,
                                                              rowEnd: end.baseAddress!, input: slot,
                                                              excitatoryPlane: layout.ports.excitatory * layout.count,
                                                              inhibitoryPlane: layout.ports.inhibitory * layout.count)
                        delayWorkers[q]?.arrive(arrivals: plasticArrivals[q], rowBegin: begin.baseAddress!,
                                                rowEnd: end.baseAddress!, step: step)
                        return events
                    }
                }
            }
            for p in steppers.indices {
                let range = partition.ranges[p][part]
                if range.isEmpty { continue }
                guard let base = ringBases[p], let layout = layouts[p] else {
                    steppers[p].step(step, range: range, input: nil, spikes: &spikes[p])
                    continue
                }
                let slot = StepInput(values: base + layout.offset(step: step, plane: 0), livePlanes: livePlanes[p])
                steppers[p].step(step, range: range, input: slot, spikes: &spikes[p])
            }
            for (q, worker) in plasticWorkers.enumerated() where !spikes[plastic[q].target].isEmpty {
                if postsynapticShiftSteps[q] == 0 { worker.postsynapticSpikes(spikes[plastic[q].target][...], step: step) }
                delayWorkers[q]?.postsynapticSpikes(spikes[plastic[q].target][...], step: step)
            }
            for g in generators.indices {
                events += inject(g, step: step, part: part)
            }
            return events
        }

        private func inject(_ g: Int, step: Int, part: Int) -> UInt64 {
            let projection = generators[g]
            let table = projection.synapses
            let base = ringBases[projection.target]!, layout = layouts[projection.target]!
            let ports = layout.ports
            let begin = generatorSplits[g][part], end = generatorSplits[g][part + 1]
            var events: UInt64 = 0
            switch projection.drive {
            case .poisson:
                let streams = streamBases[g]
                let counts = poissonSamplers[g]!
                table.target.withUnsafeBufferPointer { target in
                    table.weight.withUnsafeBufferPointer { weight in
                        for s in 0..<table.sourceCount {
                            for k in Int(begin[s])..<Int(end[s]) {
                                let n = counts.sample(using: &streams[k])
                                if n == 0 { continue }
                                let w = weight[k]
                                let offset = layout.offset(step: step + table.delay(of: k),
                                                           plane: w < 0 ? ports.inhibitory : ports.excitatory)
                                base[offset + Int(target[k])] += Double(n) * Double(w)
                                events += UInt64(n)
                            }
                        }
                    }
                }
            case .current(let dc):
                guard dc.isActive(step: step) else { return 0 }
                for s in 0..<table.sourceCount {
                    for k in Int(begin[s])..<Int(end[s]) {
                        let offset = layout.offset(step: step + table.delay(of: k), plane: ports.current)
                        base[offset + Int(table.target[k])] += dc.amplitudePA * Double(table.weight[k])
                    }
                }
            case .weightedSpikes(let generator):
                generator.forEachSpike(inStep: step) { s, factor in
                    for k in Int(begin[s])..<Int(end[s]) {
                        let w = Double(table.weight[k]) * factor
                        let offset = layout.offset(step: step + table.delay(of: k), plane: w < 0 ? ports.inhibitory : ports.excitatory)
                        base[offset + Int(table.target[k])] += w
                        events += 1
                    }
                }
            case .custom(let drive):
                let current = drive.kind == .current
                for s in 0..<table.sourceCount where begin[s] < end[s] {
                    let output = drive.output(ofSource: s, step: step)
                    guard output != 0 else { continue }
                    for k in Int(begin[s])..<Int(end[s]) {
                        let w = table.weight[k]
                        let plane = current ? ports.current : w < 0 ? ports.inhibitory : ports.excitatory
                        base[layout.offset(step: step + table.delay(of: k), plane: plane) + Int(table.target[k])] += output * Double(w)
                    }
                    if !current { events += (UInt64(exactly: output.rounded()) ?? 0) * UInt64(end[s] - begin[s]) }
                }
            }
            return events
        }

        /// Phase 2 for one part: deliver the slice's spikes to its targets. Returns the synaptic events.
        func deliver(part: Int, sources: [[Int32]], steps: [[Int64]]) -> UInt64 {
            var events: UInt64 = 0
            // By index, borrowing the tables: a copied projection would retain and release each of its arrays.
            for j in projections.indices where !sources[projections[j].source].isEmpty {
                let source = projections[j].source, target = projections[j].target
                let layout = layouts[target]!
                var ring = snn_ring(values: ringBases[target]!, slot_mask: UInt64(layout.slotMask),
                                    slot_stride: layout.slotStride, plane_stride: layout.count,
                                    positive_plane: projectionPlanes[j].positive,
                                    negative_plane: projectionPlanes[j].negative)
                events += projections[j].synapses.target.withUnsafeBufferPointer { target in
                    projections[j].synapses.weight.withUnsafeBufferPointer { weight in
                        projections[j].synapses.delaySteps.withUnsafeBufferPointer { delay in
                            sources[source].withUnsafeBufferPointer { spikeSources in
                                steps[source].withUnsafeBufferPointer { spikeSteps in
                                    var csr = snn_csr(target: target.baseAddress, weight: weight.baseAddress,
                                                      delay: delay.isEmpty ? nil : delay.baseAddress,
                                                      uniform_delay: projections[j].synapses.uniformDelaySteps)
                                    return snn_deliver_static(&csr, projectionSplits[j][part], projectionSplits[j][part + 1],
                                                              spikeSources.baseAddress, spikeSteps.baseAddress,
                                                              spikeSources.count, &ring)
                                }
                            }
                        }
                    }
                }
            }
            return events
        }
    }
}
