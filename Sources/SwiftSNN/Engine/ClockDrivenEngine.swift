import CSNNKernels

/// The clock-driven engine: fixed step dt, exact per-step integration supplied by the models, spikes delivered
/// into per-population input rings after their delays.
///
/// A run proceeds in slices of `sliceSteps` = the minimum delay between spiking populations (NEST's min-delay
/// communication interval):
/// 1. for each step of the slice: every population reads and clears its ring slot for this step and updates,
///    emitting spikes in ascending neuron order; generators add their Poisson counts or currents to the ring slot
///    of step + delay; recorders observe the step;
/// 2. at the end of the slice, its spikes are delivered, projection by projection, in (step, neuron) order, each
///    row in storage order. A spike of step k reaches the slot of step k + d ≥ k + sliceSteps, never inside the
///    slice that produced it, so no population reads input that is still being delivered.
/// The order of every floating-point sum is fixed by construction, so runs are bit-identical.
public struct ClockDrivenEngine: Engine {
    public static let kind = EngineKind.clock

    public private(set) var network: Network
    public private(set) var statistics: RunStatistics
    public let sliceSteps: Int
    private var rings: [InputRing?]
    private var step = 0
    /// One stream per synapse of each Poisson generator projection (empty for other generators).
    private var poissonStreams: [[RandomStream]]
    private var stepSpikes: [[Int32]]
    /// Spikes of the current slice per population: sources and the steps they fired in.
    private var sliceSources: [[Int32]]
    private var sliceSpikeSteps: [[Int64]]

    public init(network: Network) throws {
        self.network = network
        let minDelay = network.projections.map(\.synapses.minDelaySteps).min() ?? Int.max
        let maxDelay = (network.projections.map(\.synapses.maxDelaySteps)
                        + network.generatorProjections.map(\.synapses.maxDelaySteps)).max() ?? 1
        // Long slices only delay delivery; 100 steps bounds the spike buffers of delay-free networks.
        let slice = max(1, min(minDelay, 100))
        sliceSteps = slice
        rings = network.populations.map { pop in
            pop.ports.map { InputRing(ports: $0, count: pop.count, minimumSlots: slice + maxDelay + 1) }
        }
        poissonStreams = network.generatorProjections.map { g in
            guard case .poisson = g.drive else { return [] }
            return (0..<g.synapses.count).map {
                RandomStream(seed: network.seed, purpose: .poisson, UInt64(g.projectionIndex), UInt64($0))
            }
        }
        let n = network.populations.count
        statistics = RunStatistics(spikes: [Int](repeating: 0, count: n))
        stepSpikes = [[Int32]](repeating: [], count: n)
        sliceSources = [[Int32]](repeating: [], count: n)
        sliceSpikeSteps = [[Int64]](repeating: [], count: n)
    }

    public mutating func run(durationMs: Double, recorders: inout [any Recorder],
                             observer: ((_ simulatedMs: Double) -> Void)?) throws {
        let end = step + network.grid.steps(durationMs)
        let reportEvery = max(1, network.grid.steps(100))
        while step < end {
            let sliceEnd = min(step + sliceSteps, end)
            while step < sliceEnd {
                advance()
                for r in recorders.indices {
                    recorders[r].observe(step: step, spikes: stepSpikes, populations: network.populations)
                }
                step += 1
                if step % reportEvery == 0 { observer?(Double(step) * network.grid.dtMs) }
            }
            deliverSlice()
        }
        statistics.simulatedMs = Double(step) * network.grid.dtMs
    }

    /// Phase 1 for one step.
    private mutating func advance() {
        for p in network.populations.indices {
            stepSpikes[p].removeAll(keepingCapacity: true)
            Self.update(&network.populations[p], ring: &rings[p], step: step, spikes: &stepSpikes[p])
            statistics.spikes[p] += stepSpikes[p].count
            for id in stepSpikes[p] {
                sliceSources[p].append(id)
                sliceSpikeSteps[p].append(Int64(step))
            }
        }
        for g in network.generatorProjections.indices {
            let projection = network.generatorProjections[g]
            statistics.synapticEvents += Self.inject(projection, step: step, streams: &poissonStreams[g],
                                                     ring: &rings[projection.target]!)
        }
    }

    private static func update(_ population: inout any Population, ring: inout InputRing?, step: Int,
                               spikes: inout [Int32]) {
        if ring != nil {
            ring!.consume(step: step) { population.update(step: step, input: $0, spikes: &spikes) }
        } else {
            population.update(step: step, input: nil, spikes: &spikes)
        }
    }

    /// Adds a generator's input of `step` to the target's ring slots of step + delay; returns the number of
    /// Poisson spikes it delivered.
    private static func inject(_ projection: GeneratorProjection, step: Int, streams: inout [RandomStream],
                               ring: inout InputRing) -> UInt64 {
        let table = projection.synapses
        let layout = ring.layout
        let ports = ring.ports
        var events: UInt64 = 0
        switch projection.drive {
        case .poisson(let mean):
            ring.withValues { values in
                for k in 0..<table.count {
                    let n = streams[k].nextPoisson(mean)
                    if n == 0 { continue }
                    let w = table.weight[k]
                    let offset = layout.offset(step: step + table.delay(of: k), plane: w < 0 ? ports.inhibitory : ports.excitatory)
                    values[offset + Int(table.target[k])] += Double(n) * Double(w)
                    events += UInt64(n)
                }
            }
        case .current(let dc):
            guard dc.isActive(step: step) else { return 0 }
            ring.withValues { values in
                for k in 0..<table.count {
                    let offset = layout.offset(step: step + table.delay(of: k), plane: ports.current)
                    values[offset + Int(table.target[k])] += dc.amplitudePA * Double(table.weight[k])
                }
            }
        }
        return events
    }

    /// Phase 2: delivers the spikes of the slice.
    private mutating func deliverSlice() {
        for proj in network.projections where !sliceSources[proj.source].isEmpty {
            statistics.synapticEvents += Self.deliver(sources: sliceSources[proj.source], steps: sliceSpikeSteps[proj.source],
                                                      through: proj.synapses, into: &rings[proj.target]!)
        }
        for p in sliceSources.indices {
            sliceSources[p].removeAll(keepingCapacity: true)
            sliceSpikeSteps[p].removeAll(keepingCapacity: true)
        }
    }

    private static func deliver(sources: [Int32], steps: [Int64], through table: SynapseTable,
                                into ring: inout InputRing) -> UInt64 {
        ring.withKernelView { ring in
            table.rowStart.withUnsafeBufferPointer { rowStart in
                table.target.withUnsafeBufferPointer { target in
                    table.weight.withUnsafeBufferPointer { weight in
                        table.delaySteps.withUnsafeBufferPointer { delay in
                            var csr = snn_csr(row_start: rowStart.baseAddress!, target: target.baseAddress,
                                              weight: weight.baseAddress,
                                              delay: table.delaySteps.isEmpty ? nil : delay.baseAddress,
                                              uniform_delay: table.uniformDelaySteps)
                            return snn_deliver_static(&csr, sources, steps, sources.count, &ring)
                        }
                    }
                }
            }
        }
    }
}
