/// Driving a simulation from code: running it in pieces, reading its results by recorder name, and reading and
/// changing the network between pieces by the spec's names. Nothing here costs anything while it is not called.
///
///     var sim = try Simulation(spec: spec)
///     try sim.run(durationMs: 500, every: 10) { sim in          // a closed loop
///         let recent = try sim.spikes("spikes_out").since(sim.timeMs - 10)
///         try sim.setParameter("rate", of: "drive", to: recent.count > 5 ? 5 : 50)
///     }
extension Simulation {
    /// The simulated time so far.
    public var timeMs: Double { engine.statistics.simulatedMs }

    /// Advances by one time step (dt).
    public mutating func step() throws {
        try run(durationMs: network.grid.dtMs)
    }

    /// Runs for `durationMs` in pieces of `intervalMs`, calling `body` after each piece; `body` may read results
    /// and change the network, which acts from the next step on.
    public mutating func run(durationMs: Double, every intervalMs: Double, _ body: (inout Simulation) throws -> Void) throws {
        let grid = network.grid
        guard let every = try? grid.checkedSteps(intervalMs, path: "intervalMs"), every >= 1 else {
            throw SNNError("the callback interval must be at least one step (\(formatNumber(grid.dtMs)) ms), got \(formatNumber(intervalMs)) ms")
        }
        let end = grid.steps(timeMs) + (try grid.checkedSteps(durationMs, path: "durationMs"))
        while grid.steps(timeMs) < end {
            let piece = min(every, end - grid.steps(timeMs))
            try run(durationMs: Double(piece) * grid.dtMs)
            try body(&self)
        }
    }

    /// The recorder named `name` in the spec.
    public func recorder(named name: String) throws -> any Recorder {
        guard let r = recorders.first(where: { $0.name == name }) else {
            throw SNNError(unknownName("recorder", name, known: recorders.map(\.name)))
        }
        return r
    }

    /// The spikes recorded so far by the spike recorder `name`.
    public func spikes(_ name: String) throws -> SpikeTrain {
        guard let r = try recorder(named: name) as? any SpikeRecording else {
            throw SNNError("recorder '\(name)' does not record spikes")
        }
        return r.spikeTrain(grid: network.grid)
    }

    /// The samples of state variable `variable` recorded so far by the state recorder `name`.
    public func samples(_ name: String, variable: String) throws -> StateSamples {
        guard let r = try recorder(named: name) as? StateRecorder else {
            throw SNNError("recorder '\(name)' does not record state variables")
        }
        let names = r.variables.map { network.populations[r.population].variableNames[$0] }
        guard let v = names.firstIndex(of: variable) else {
            throw SNNError("recorder '\(name)' does not record '\(variable)'; it records \(names.joined(separator: ", "))")
        }
        return r.samples(ofVariable: v, grid: network.grid)
    }

    /// The samples of modulator `modulator` recorded so far by the modulator recorder `name`.
    public func samples(_ name: String, modulator: String) throws -> ModulatorSamples {
        guard let r = try recorder(named: name) as? ModulatorRecorder else {
            throw SNNError("recorder '\(name)' does not record modulators")
        }
        let names = r.modulators.map { network.modulators[$0].name }
        guard let position = names.firstIndex(of: modulator) else {
            throw SNNError("recorder '\(name)' does not record '\(modulator)'; it records \(names.joined(separator: ", "))")
        }
        return r.samples(ofModulatorAt: position, grid: network.grid)
    }

    /// State variable `variable` (`V_m`) of every neuron of `population` now.
    public func values(of variable: String, in population: String) throws -> [Double] {
        let network = network
        let p = try network.population(named: population)
        let v = try network.variable(variable, of: p)
        return (0..<network.populations[p].count).map { engine.value(ofVariable: v, neuron: $0, population: p) }
    }

    /// Sets state variable `variable` of every neuron of `population` (one value per neuron).
    public mutating func set(_ variable: String, of population: String, to values: [Double]) throws {
        try engine.edit { try $0.set(variable, of: population, to: values) }
    }

    /// Sets state variable `variable` of every neuron of `population` to `value`.
    public mutating func set(_ variable: String, of population: String, to value: Double) throws {
        let count = network.populations[try network.population(named: population)].count
        try set(variable, of: population, to: [Double](repeating: value, count: count))
    }

    /// Sets parameter `key` (`I_e`, `V_th`, `tau_m`, a Poisson generator's `rate`, …) of a whole population.
    public mutating func setParameter(_ key: String, of population: String, to value: Double) throws {
        try engine.edit { try $0.setParameter(key, of: population, to: value) }
    }

    /// Sets parameter `key` of `population` to one value per neuron, e.g. a Bernoulli input's `p` for the next
    /// trial (`reset`): an image's pixel intensities.
    public mutating func setParameter(_ key: String, of population: String, to values: [Double]) throws {
        try engine.edit { try $0.setParameter(key, of: population, to: values) }
    }

    /// The synapses of projection `index` (its position in the spec's `projections`) and their weights now.
    public func synapses(ofProjection index: Int) throws -> Network.Synapses {
        try network.synapses(ofProjection: index)
    }

    /// Replaces the weights of projection `index`, in the order `synapses(ofProjection:)` lists them.
    public mutating func setWeights(ofProjection index: Int, to weights: [Float]) throws {
        try engine.edit { try $0.setWeights(ofProjection: index, to: weights) }
    }

    /// The delays of projection `index` now [ms], in the order `synapses(ofProjection:)` lists its synapses.
    public func delays(ofProjection index: Int) throws -> [Double] {
        try network.delays(ofProjection: index)
    }

    /// Replaces the delays of projection `index` [ms] for the spikes that follow; spikes in flight keep theirs
    /// (`Network.setDelays(ofProjection:to:)`).
    public mutating func setDelays(ofProjection index: Int, to delays: [Double]) throws {
        try engine.edit { try $0.setDelays(ofProjection: index, to: delays) }
    }
}
