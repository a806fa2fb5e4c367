/// The static synapses of one projection in compressed sparse row form, rows by source neuron.
///
/// Per synapse: a 32-bit target index, a Float32 weight and, unless the whole projection shares one delay, a
/// 16-bit delay in steps (8 bytes per synapse, 10 with per-synapse delays). Within a row, synapses are ordered by
/// target, so a spike's additions walk the target's input plane forwards.
///
/// Delay semantics: the whole delay is axonal for static synapses: a spike emitted in step k (stamped (k+1)·dt)
/// is added to the input of step k + d, so it acts on the target at time t_spike + d·dt, as in NEST.
public struct SynapseTable: Sendable {
    /// `rowStart[s]..<rowStart[s+1]` are the synapses of source `s`.
    public internal(set) var rowStart: [Int64]
    /// Target neuron of each synapse.
    public internal(set) var target: [UInt32]
    /// Weight of each synapse.
    public var weight: [Float]
    /// Per-synapse delays in steps; empty when every synapse has `uniformDelaySteps`.
    public internal(set) var delaySteps: [UInt16]
    /// The delay of every synapse in steps, when `delaySteps` is empty.
    public internal(set) var uniformDelaySteps: UInt16
    /// The shortest delay in steps.
    public internal(set) var minDelaySteps: Int
    /// The longest delay in steps.
    public internal(set) var maxDelaySteps: Int
    /// The longest delay the projection may take during a run, in steps (`max_delay_ms`; else `maxDelaySteps`):
    /// what the clock engine sizes its spike buffers for.
    public internal(set) var delayBoundSteps: Int
    /// For each synapse, its position in the connection rule's creation order (the order array-valued weights
    /// use); kept only when asked for, e.g. to save learned weights in a form a config can load again.
    public internal(set) var creationIndex: [Int32] = []
    /// The delay in ms as given, not rounded to steps (the event-driven engine's): `uniformDelayMs` when one delay
    /// holds for every synapse, else `delayMs` per synapse, which is kept only if the table was built with
    /// `exactDelays`.
    public internal(set) var uniformDelayMs: Double
    /// Per-synapse delays in ms as drawn (event engine), empty when uniform.
    public internal(set) var delayMs: [Double]
    /// Whether the table was built for the event engine's exact delays.
    public let exactDelays: Bool

    /// The number of synapses.
    public var count: Int { target.count }
    /// The number of source rows.
    public var sourceCount: Int { rowStart.count - 1 }

    /// Sorts `connections` into rows and draws weights and delays.
    ///
    /// Array-valued weights or delays are indexed by the connection's position in `connections` (the rule's
    /// creation order, e.g. the order of an explicit list). Random ones are drawn per source row from a stream
    /// keyed by (seed, projection, source), in row order, so they do not depend on build order either.
    /// `exactDelays` keeps per-synapse delays in ms as well (8 more bytes per synapse), as does `keepDelayMs`,
    /// which does not relax the clock engine's minimum of one step. `maxDelayMs` bounds every delay.
    public init(connections: ConnectionList, sourceCount: Int, weight weightSpec: ValueSpec, delayMs delaySpec: ValueSpec,
                dtMs: Double, seed: UInt64, projectionIndex: Int, path: String, keepCreationIndex: Bool = false,
                exactDelays: Bool = false, keepDelayMs: Bool = false, maxDelayMs: Double? = nil) throws {
        let n = connections.count
        self.exactDelays = exactDelays
        try weightSpec.requireCount(n, path: "\(path).synapse.weight", of: "synapse")
        try delaySpec.requireCount(n, path: "\(path).synapse.delay_ms", of: "synapse")
        // Counting sort by source, carrying each connection's target along (reading the rule's arrays once, in
        // order, instead of gathering from them); a stable sort by target inside each row keeps equal pairs
        // (multapses) in creation order. Creation positions are tracked only when something indexes by them.
        var needsOrder = keepCreationIndex
        if case .array = weightSpec { needsOrder = true }
        if case .array = delaySpec { needsOrder = true }
        var rowStart = [Int](repeating: 0, count: sourceCount + 1)
        for s in connections.sources { rowStart[Int(s) + 1] += 1 }
        for s in 0..<sourceCount { rowStart[s + 1] += rowStart[s] }
        var target = [UInt32](repeating: 0, count: n)
        var order = needsOrder ? [Int](repeating: 0, count: n) : []
        var fill = rowStart
        target.withUnsafeMutableBufferPointer { target in
            order.withUnsafeMutableBufferPointer { order in
                connections.sources.withUnsafeBufferPointer { sources in
                    connections.targets.withUnsafeBufferPointer { targets in
                        for i in 0..<n {
                            let s = Int(sources[i])
                            target[fill[s]] = UInt32(targets[i])
                            if needsOrder { order[fill[s]] = i }
                            fill[s] += 1
                        }
                    }
                }
            }
        }
        for s in 0..<sourceCount where rowStart[s + 1] - rowStart[s] > 1 {
            let row = rowStart[s]..<rowStart[s + 1]
            if !zip(target[row].dropFirst(), target[row]).allSatisfy({ $0 >= $1 }) {
                let sorted = row.sorted { (target[$0], $0) < (target[$1], $1) }
                target.replaceSubrange(row, with: sorted.map { target[$0] })
                if needsOrder { order.replaceSubrange(row, with: sorted.map { order[$0] }) }
            }
        }
        self.rowStart = rowStart.map(Int64.init)
        self.target = target
        if keepCreationIndex { creationIndex = order.map { Int32($0) } }

        let delayPath = "\(path).synapse.delay_ms"
        func stepsOfDelay(_ ms: Double) throws -> UInt16 {
            // The event engine uses exact delays; for it the steps only need to be a valid table entry.
            let steps = exactDelays ? max(TimeGrid(dtMs: dtMs).fractionalSteps(ms).rounded(), 1)
                                    : TimeGrid(dtMs: dtMs).fractionalSteps(ms).rounded()
            guard steps >= 1 else {
                throw ConfigError(path: delayPath, problem: "must be >= dt (\(formatNumber(dtMs)) ms), got \(formatNumber(ms))")
            }
            guard steps <= Double(UInt16.max) else {
                throw ConfigError(path: delayPath, problem: "must be <= \(formatNumber(Double(UInt16.max) * dtMs)) ms (65535 steps), got \(formatNumber(ms))")
            }
            if let maxDelayMs, ms > maxDelayMs {
                throw ConfigError(path: delayPath, problem: "must be <= max_delay_ms (\(formatNumber(maxDelayMs)) ms), got \(formatNumber(ms))")
            }
            return UInt16(steps)
        }
        if let maxDelayMs {
            let steps = TimeGrid(dtMs: dtMs).fractionalSteps(maxDelayMs).rounded()
            guard steps >= 1, steps <= Double(UInt16.max) else {
                throw ConfigError(path: "\(path).max_delay_ms", problem: "must lie within dt (\(formatNumber(dtMs)) ms) and \(formatNumber(Double(UInt16.max) * dtMs)) ms (65535 steps), got \(formatNumber(maxDelayMs))")
            }
        }

        var weight = [Float](repeating: 0, count: n)
        var delays: [UInt16] = []
        var exact: [Double] = []
        if case .constant(let d) = delaySpec {
            uniformDelaySteps = try stepsOfDelay(d)
            uniformDelayMs = d
        } else {
            uniformDelaySteps = 0
            uniformDelayMs = 0
            delays = [UInt16](repeating: 0, count: n)
            if exactDelays || keepDelayMs { exact = [Double](repeating: 0, count: n) }
        }
        for s in 0..<sourceCount {
            var weightStream = RandomStream(seed: seed, purpose: .weight, UInt64(projectionIndex), UInt64(s))
            var delayStream = RandomStream(seed: seed, purpose: .delay, UInt64(projectionIndex), UInt64(s))
            for k in rowStart[s]..<rowStart[s + 1] {
                let position = needsOrder ? order[k] : 0
                let w = weightSpec.value(at: position, using: &weightStream)
                weight[k] = Float(w)
                // Weights are stored as 32-bit floats; a larger one would become infinite there.
                guard weight[k].isFinite else {
                    throw ConfigError(path: "\(path).synapse.weight",
                                      problem: "weights are stored as 32-bit floats, within ±3.4e38; got \(formatNumber(w))")
                }
                if !delays.isEmpty {
                    let d = delaySpec.value(at: position, using: &delayStream)
                    delays[k] = try stepsOfDelay(d)
                    if !exact.isEmpty { exact[k] = d }
                }
            }
        }
        self.weight = weight
        delaySteps = delays
        delayMs = exact
        if n == 0 {
            minDelaySteps = Int.max
            maxDelaySteps = 0
        } else {
            minDelaySteps = delays.isEmpty ? Int(uniformDelaySteps) : Int(delays.min()!)
            maxDelaySteps = delays.isEmpty ? Int(uniformDelaySteps) : Int(delays.max()!)
        }
        delayBoundSteps = maxDelayMs.map { TimeGrid(dtMs: dtMs).steps($0) } ?? maxDelaySteps
    }

    /// The delay of synapse `k` in ms as the table holds it: exact if kept, else its steps times dt.
    public func delayInMs(of k: Int, dtMs: Double) -> Double {
        if delayMs.isEmpty { return delaySteps.isEmpty ? uniformDelayMs : Double(delaySteps[k]) * dtMs }
        return delayMs[k]
    }

    /// Replaces every delay (one per synapse, ms) between runs; each must round to 1 ... `delayBoundSteps` steps
    /// (or be positive, for a table with exact delays).
    mutating func setDelays(_ delays: [Double], dtMs: Double, projection: Int) throws {
        let steps = try Self.steps(of: delays, count: count, grid: TimeGrid(dtMs: dtMs), boundSteps: delayBoundSteps,
                                   exact: exactDelays, projection: projection)
        delaySteps = steps
        if exactDelays {
            delayMs = delays
            uniformDelayMs = 0
        }
        minDelaySteps = steps.min().map(Int.init) ?? Int.max
        maxDelaySteps = steps.max().map(Int.init) ?? 0
    }

    /// New delays given from code (`count` of them, ms) in whole steps, each at least one (rounded, unless
    /// `exact`: the event engine's delays need only be positive) and at most `boundSteps`; else a one-line error.
    static func steps(of delays: [Double], count: Int, grid: TimeGrid, boundSteps: Int, exact: Bool,
                      projection: Int) throws -> [UInt16] {
        guard delays.count == count else {
            throw SNNError("projection \(projection): \(delays.count) delays given, expected \(count) (one per synapse)")
        }
        return try delays.enumerated().map { k, d in
            let s = grid.fractionalSteps(d).rounded()
            guard d.isFinite, d > 0, s <= Double(boundSteps), exact || s >= 1 else {
                throw SNNError("projection \(projection): delay \(k) must lie within dt (\(formatNumber(grid.dtMs)) ms) and max_delay_ms (\(formatNumber(Double(boundSteps) * grid.dtMs)) ms), got \(formatNumber(d))")
            }
            return UInt16(max(s, 1))
        }
    }

    /// The delay of synapse `k` in steps.
    @inline(__always)
    public func delay(of k: Int) -> Int { delaySteps.isEmpty ? Int(uniformDelaySteps) : Int(delaySteps[k]) }
}
