/// Reading and changing a built network between runs, by the names of the spec: a state variable or a parameter
/// of a population, the weights of a projection. Errors are one-line `SNNError`s (or `ConfigError`s for values a
/// parameter table refuses).
extension Network {
    /// The synapses of one projection, each synapse at the same position in the three arrays (the order the
    /// engine stores them in: by source, then target; plastic projections with several delays by source, then
    /// delay, then target).
    public struct Synapses: Sendable, Equatable {
        /// Source neuron of each synapse.
        public var sources: [Int32]
        /// Target neuron of each synapse.
        public var targets: [Int32]
        /// Weight of each synapse.
        public var weights: [Float]

        /// Synapses listed position by position.
        public init(sources: [Int32], targets: [Int32], weights: [Float]) {
            self.sources = sources
            self.targets = targets
            self.weights = weights
        }
    }

    func population(named name: String) throws -> Int {
        guard let p = populationIndex(named: name) else {
            throw SNNError(unknownName("population", name, known: populations.map(\.name)))
        }
        return p
    }

    func variable(_ name: String, of p: Int) throws -> Int {
        guard let v = populations[p].variableNames.firstIndex(of: name) else {
            let known = populations[p].variableNames
            throw SNNError("unknown state variable '\(name)' of '\(populations[p].name)'; known: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
        }
        return v
    }

    /// Sets state variable `variable` of every neuron of `population`, one value per neuron.
    public mutating func set(_ variable: String, of population: String, to values: [Double]) throws {
        let p = try self.population(named: population)
        try populations[p].setValues(ofVariable: try self.variable(variable, of: p), to: values)
    }

    /// Sets parameter `key` (`I_e`, `V_th`, a generator's `rate`) of a whole population.
    public mutating func setParameter(_ key: String, of population: String, to value: Double) throws {
        let p = try self.population(named: population)
        try populations[p].setParameter(key, to: value, grid: grid)
        // Generator projections carry what their source sends.
        if let drive = populations[p].drive(grid: grid) {
            for g in generatorProjections.indices where generatorProjections[g].source == p { generatorProjections[g].drive = drive }
        }
    }

    /// Sets parameter `key` of `population` to one value per neuron (a Bernoulli input's `p`).
    public mutating func setParameter(_ key: String, of population: String, to values: [Double]) throws {
        let p = try self.population(named: population)
        try populations[p].setParameter(key, perNeuron: values)
    }

    private enum ProjectionPlace { case fixed(Int), generator(Int), plastic(Int), signal(Int) }

    private func place(ofProjection index: Int) throws -> ProjectionPlace {
        if let j = projections.firstIndex(where: { $0.projectionIndex == index }) { return .fixed(j) }
        if let j = generatorProjections.firstIndex(where: { $0.projectionIndex == index }) { return .generator(j) }
        if let j = plasticProjections.firstIndex(where: { $0.projectionIndex == index }) { return .plastic(j) }
        if let j = signalProjections.firstIndex(where: { $0.projectionIndex == index }) { return .signal(j) }
        throw SNNError("projection index \(index) out of range for \(projectionCount) projections")
    }

    /// The synapses of projection `index` (its position in the spec's `projections`) with their current weights.
    public func synapses(ofProjection index: Int) throws -> Synapses {
        func rows(_ table: SynapseTable, source: (Int) -> Int32) -> [Int32] {
            (0..<table.sourceCount).flatMap { row in
                repeatElement(source(row), count: Int(table.rowStart[row + 1] - table.rowStart[row]))
            }
        }
        switch try place(ofProjection: index) {
        case .fixed(let j):
            let t = projections[j].synapses
            return Synapses(sources: rows(t) { Int32($0) }, targets: t.target.map(Int32.init), weights: t.weight)
        case .generator(let j):
            let t = generatorProjections[j].synapses
            return Synapses(sources: rows(t) { Int32($0) }, targets: t.target.map(Int32.init), weights: t.weight)
        case .signal(let j):
            let t = signalProjections[j].synapses
            return Synapses(sources: rows(t) { Int32($0) }, targets: t.target.map(Int32.init), weights: t.weight)
        case .plastic(let j):
            let plastic = plasticProjections[j]
            return Synapses(sources: rows(plastic.synapses) { plastic.channels.source[$0] },
                            targets: plastic.synapses.target.map(Int32.init), weights: Array(plastic.weights))
        }
    }

    /// Replaces the weights of projection `index`, in the order `synapses(ofProjection:)` lists them. Plastic
    /// projections keep their rule's bounds.
    public mutating func setWeights(ofProjection index: Int, to weights: [Float]) throws {
        let place = try place(ofProjection: index)
        let count: Int
        switch place {
        case .fixed(let j): count = projections[j].synapses.count
        case .generator(let j): count = generatorProjections[j].synapses.count
        case .plastic(let j): count = plasticProjections[j].synapses.count
        case .signal(let j): count = signalProjections[j].synapses.count
        }
        guard weights.count == count else {
            throw SNNError("projection \(index): \(weights.count) weights given, expected \(count) (one per synapse)")
        }
        if let i = weights.firstIndex(where: { !$0.isFinite }) {
            throw SNNError("projection \(index): weight \(i) must be a finite number, got \(weights[i])")
        }
        switch place {
        case .fixed(let j): projections[j].synapses.weight = weights
        case .generator(let j): generatorProjections[j].synapses.weight = weights
        case .plastic(let j): plasticProjections[j].setWeights(weights)
        case .signal(let j): signalProjections[j].synapses.weight = weights
        }
    }

    /// The delays of projection `index` now [ms], in the order `synapses(ofProjection:)` lists its synapses:
    /// learned ones real-valued, the others as transmitted (whole steps in the clock engine, exact in the event
    /// engine).
    public func delays(ofProjection index: Int) throws -> [Double] {
        func delays(_ table: SynapseTable) -> [Double] { (0..<table.count).map { table.delayInMs(of: $0, dtMs: grid.dtMs) } }
        switch try place(ofProjection: index) {
        case .fixed(let j): return delays(projections[j].synapses)
        case .generator(let j): return delays(generatorProjections[j].synapses)
        case .signal(let j): return delays(signalProjections[j].synapses)
        case .plastic(let j):
            if let learned = plasticProjections[j].learnedDelays { return Array(learned.delayMs) }
            return delays(plasticProjections[j].synapses)
        }
    }

    /// Replaces the delays of projection `index` [ms], in the order `delays(ofProjection:)` lists them, for the
    /// spikes emitted from the next step on; spikes in flight keep the delay they left with. Each delay must lie
    /// within dt and the projection's `max_delay_ms` (default: its longest delay as built). A plastic projection
    /// needs `max_delay_ms` or `delay_plasticity` in its spec, which give each synapse its own delay.
    public mutating func setDelays(ofProjection index: Int, to delays: [Double]) throws {
        switch try place(ofProjection: index) {
        case .fixed(let j): try projections[j].synapses.setDelays(delays, dtMs: grid.dtMs, projection: index)
        case .generator(let j): try generatorProjections[j].synapses.setDelays(delays, dtMs: grid.dtMs, projection: index)
        case .signal(let j): try signalProjections[j].synapses.setDelays(delays, dtMs: grid.dtMs, projection: index)
        case .plastic(let j):
            guard plasticProjections[j].learnedDelays != nil else {
                throw SNNError("projection \(index) is plastic with fixed delays; give it \"max_delay_ms\" (or \"delay_plasticity\") to change its delays during a run")
            }
            try plasticProjections[j].learnedDelays!.set(delays, grid: grid, projection: index)
        }
    }
}
