import Foundation

/// The memory a spec's network will take, worked out from the spec alone, before anything is allocated: neuron
/// state, synapse tables, the clock engine's input rings, the event engine's queues (each neuron's predicted
/// crossing and clocks, each Poisson-driven synapse's stream and next event) and what the state, weight, delay and
/// modulator recorders hold by the end of the run (`simulation.duration_ms`), or at most one piece of it when the
/// recordings are streamed to files (`RecordingStream`). What depends on the activity is not counted: spike
/// recorders, and spikes in flight in the event queue. Expected counts are used for random rules, array lengths
/// for explicit ones, upper bounds of delays for the rings.
///
/// `NetworkBuilder` compares it with its `MemoryLimit` before building, so that a network that cannot fit is
/// refused in a moment, with the part that is too large named by its JSON path.
public struct ResourceEstimate: Sendable {
    /// One part of the network: `count` items of `bytesEach` bytes at `path` (`projections[0]`: 1.1e12 synapses × 12 B).
    public struct Part: Sendable, Equatable {
        /// Where the part is in the spec, as a JSON path (`projections[0]`), or `the input rings`.
        public var path: String
        /// How many items (neurons, synapses, samples × values).
        public var count: Double
        /// What an item is, plural (`synapses`).
        public var items: String
        /// Bytes per item.
        public var bytesEach: Double
        /// What to make smaller for the part to shrink, for the error (`populations[0].size`).
        public var remedy: String
        /// `count` × `bytesEach`.
        public var bytes: Double { count * bytesEach }

        /// `count` `items` of `bytesEach` bytes at `path`; `remedy` says what to make smaller.
        public init(path: String, count: Double, items: String, bytesEach: Double, remedy: String) {
            self.path = path
            self.count = count
            self.items = items
            self.bytesEach = bytesEach
            self.remedy = remedy
        }
    }

    /// Every part counted, in spec order (populations, projections, rings, recorders); a caller that allocates
    /// more for the run (`snn trials`' counts per trial) adds its own.
    public var parts: [Part] = []
    /// Their sum [bytes].
    public var bytes: Double { parts.reduce(0) { $0 + $1.bytes } }

    /// The estimate for `spec` with the models and rules it may name; unknown names, missing files and the like
    /// count nothing here (lowering reports them). `streamedRecordings`: the recorders hold one piece of the run
    /// at a time (`Simulation.run(streamingTo:)`), not all of it.
    public init(spec: NetworkSpec, registry: ModelRegistry = .builtIn, plasticityRules: PlasticityRegistry = .builtIn,
                streamedRecordings: Bool = false) {
        let sizes = Dictionary(spec.populations.map { ($0.name, Double($0.size)) }, uniquingKeysWith: { a, _ in a })
        let grid = spec.simulation.grid
        for (i, p) in spec.populations.enumerated() {
            // Per neuron: the state variables, the refractory counter and the spike buffer (4 B each).
            let variables = registry.model(named: p.model)?.stateVariables.count ?? 1
            parts.append(Part(path: "populations[\(i)]", count: Double(p.size), items: "neurons", bytesEach: Double(8 * variables + 8),
                              remedy: "populations[\(i)].size"))
        }
        var synapseCounts: [Double] = []
        var longestDelaySteps = 1.0
        for (i, projection) in spec.projections.enumerated() {
            let synapses = Self.synapseCount(projection, sizes: sizes, baseDirectory: spec.baseDirectory)
            synapseCounts.append(synapses)
            parts.append(Part(path: "projections[\(i)]", count: synapses, items: "synapses",
                              bytesEach: Self.bytesPerSynapse(projection, engine: spec.simulation.effectiveEngine, rules: plasticityRules),
                              remedy: "projections[\(i)].connectivity"))
            if let third = projection.thirdFactor {
                // pre → astrocyte for a share p of the synapses, astrocyte → post once per pool member and target.
                let pool = Double(third.poolSize ?? 1) * (sizes[projection.target] ?? 0)
                parts.append(Part(path: "projections[\(i)].third_factor", count: synapses * (third.probability ?? 1) + pool,
                                  items: "synapses", bytesEach: 8, remedy: "projections[\(i)]"))
            }
            let delayMs = projection.maxDelayMs ?? (projection.delayMs ?? .constant(ProjectionSpec.defaultDelayMs)).largestValue
            longestDelaySteps = max(longestDelaySteps, min(grid.fractionalSteps(delayMs ?? 0).rounded(), Double(UInt16.max)))
        }
        if spec.simulation.effectiveEngine == .event {
            // `EventDrivenEngine`: per neuron a `CrossingQueue` entry and position and two clocks (last update, end
            // of refractoriness); per Poisson-driven synapse a `RandomStream` and its next `ScheduledEvent`.
            let neurons = spec.populations.reduce(0.0) { $0 + (registry.model(named: $1.model) == nil ? 0 : Double($1.size)) }
            let poissonSynapses = zip(spec.projections, synapseCounts).reduce(0.0) { sum, pair in
                let model = spec.populations.first { $0.name == pair.0.source }?.model
                return sum + (model == PoissonGenerator.name ? pair.1 : 0)
            }
            parts.append(Part(path: "the event engine's crossings", count: neurons, items: "neurons", bytesEach: 16 + 4 + 16,
                              remedy: "the populations"))
            parts.append(Part(path: "the event engine's Poisson trains", count: poissonSynapses, items: "synapses",
                              bytesEach: Double(MemoryLayout<RandomStream>.stride + MemoryLayout<ScheduledEvent>.stride),
                              remedy: "the Poisson-driven projections"))
        }
        if spec.simulation.effectiveEngine == .clock {
            // `ClockDrivenEngine`: a power of two of at least min(delay, 100) + delay + 1 slots, per plane and neuron.
            var slots = 1.0
            while slots < min(longestDelaySteps, 100) + longestDelaySteps + 1 { slots *= 2 }
            let values = spec.populations.reduce(0.0) { sum, p in
                sum + Double(registry.model(named: p.model)?.ports.planes ?? 0) * Double(p.size)
            }
            parts.append(Part(path: "the input rings", count: slots * values, items: "values", bytesEach: 8,
                              remedy: "the populations or the longest delay"))
        }
        var recorded: [(index: Int, values: Double, intervalMs: Double)] = []
        for (i, r) in spec.recorders.enumerated() {
            switch r.kind {
            case let .state(population, variables, neurons, interval):
                let values = Double(variables.count) * (neurons.map { Double($0.count) } ?? sizes[population] ?? 0)
                recorded.append((i, values, interval ?? RecorderSpec.defaultIntervalMs))
            case let .weights(projection, interval), let .delays(projection, interval):
                recorded.append((i, synapseCounts.indices.contains(projection) ? synapseCounts[projection] : 0,
                                 interval ?? RecorderSpec.defaultIntervalMs))
            case let .modulators(variables, interval):
                recorded.append((i, Double(variables?.count ?? spec.modulators.count), interval ?? RecorderSpec.defaultIntervalMs))
            case .spikes, .custom:
                continue
            }
        }
        // Streamed, the recorders hold one piece of the run, as long as `RecordingStream.flushIntervalMs` makes it.
        let bytesPerMs = recorded.reduce(0.0) { $0 + 8 * $1.values / $1.intervalMs }
        let pieceMs = max(grid.dtMs, min(RecordingStream.maximumPieceMs,
                                         bytesPerMs > 0 ? RecordingStream.pieceBudgetBytes / bytesPerMs : RecordingStream.maximumPieceMs))
        let steps = grid.fractionalSteps(streamedRecordings ? min(spec.simulation.durationMs, pieceMs) : spec.simulation.durationMs).rounded()
        for r in recorded {
            let samples = (steps / max(1, grid.fractionalSteps(r.intervalMs).rounded())).rounded(.down) + 1
            parts.append(Part(path: "recorders[\(r.index)]", count: samples * r.values, items: "samples", bytesEach: 8,
                              remedy: "recorders[\(r.index)] (fewer values or a longer interval_ms)"))
        }
    }

    /// The part that takes the most memory.
    public var largest: Part? { parts.max { $0.bytes < $1.bytes } }

    /// Throws `MemoryLimit.Exceeded` when the estimate is above `limit`.
    public func require(within limit: MemoryLimit) throws {
        guard bytes <= limit.bytes else { throw MemoryLimit.Exceeded(estimate: self, limit: limit) }
    }

    /// Expected synapses of a projection's rule.
    private static func synapseCount(_ projection: ProjectionSpec, sizes: [String: Double], baseDirectory: URL) -> Double {
        let s = sizes[projection.source] ?? 0, t = sizes[projection.target] ?? 0
        switch projection.connectivity.rule {
        case .allToAll: return s * t
        case .oneToOne: return s
        case .pairwiseBernoulli(let p): return p * s * t
        case .fixedIndegree(let k): return Double(k) * t
        case .fixedOutdegree(let k): return Double(k) * s
        case .fixedTotalNumber(let n): return Double(n)
        // An upper bound: the rule's probability falls with distance.
        case .distanceBernoulli(let c, _): return c * s * t
        case .explicit(.indices(let sources), _): return Double(sources.count)
        // The file is mapped, so its length costs no reading.
        case .explicit(.file(let name), _):
            let url = name.hasPrefix("/") ? URL(fileURLWithPath: name) : baseDirectory.appendingPathComponent(name)
            return Double((try? NpyArray.read(from: url))?.count ?? 0)
        }
    }

    /// What a synapse of the projection keeps (`SynapseTable`: target and weight, 4 B each; a 2-byte delay in
    /// steps when delays differ, 8 more in ms for the event engine or changing delays), plus for plastic ones
    /// the creation index, the transmitted weights and the index of incoming synapses (4 + 4 + 8 B) and what the
    /// rule keeps per synapse (8 B each for exact weights and a trace).
    private static func bytesPerSynapse(_ projection: ProjectionSpec, engine: EngineKind, rules: PlasticityRegistry) -> Double {
        var bytes = 8.0
        let plastic = projection.plasticity != nil || projection.delayPlasticity != nil
        let changesDelays = projection.delayPlasticity != nil || plastic && projection.maxDelayMs != nil
        if case .constant = projection.delayMs ?? .constant(ProjectionSpec.defaultDelayMs) {
            if changesDelays { bytes += 10 }
        } else {
            bytes += engine == .event || changesDelays ? 10 : 2
        }
        if plastic {
            bytes += 16
            if let rule = projection.plasticity.flatMap({ rules.rule(named: $0.rule) }) {
                bytes += (rule.keepsExactWeights ? 8 : 0) + (rule.usesSynapseTrace ? 8 : 0)
            }
        }
        return bytes
    }
}

private extension ValueSpec {
    /// The largest value the spec gives, as far as the spec tells without reading files: nil for a file or an
    /// expression (refused for delays, which this bounds); for an unbounded normal, mean + 5 sd (exceeded by one
    /// draw in 3.5 million).
    var largestValue: Double? {
        switch self {
        case .constant(let x): return x
        case .uniform(_, let high): return high
        case let .normal(mean, sd, _, max): return Swift.min(max, mean + 5 * sd)
        case .choice(let values), .array(let values): return values.max()
        case .file, .expression: return nil
        }
    }
}
