/// A network lowered for simulation: populations with their state, and synapses in CSR tables with delays in
/// steps. Built from a config by `NetworkBuilder`, or assembled in code.
public struct Network: Sendable {
    /// The time step every step count refers to.
    public var grid: TimeGrid
    /// The seed of every random stream of the run.
    public var seed: UInt64
    /// Neuron populations and inputs with their state, in the spec's order.
    public var populations: [any Population]
    /// Synapses from neurons and spike-emitting inputs; their spikes go through the input rings.
    public var projections: [StaticProjection]
    /// Synapses from generators that feed each target directly (Poisson trains, DC currents).
    public var generatorProjections: [GeneratorProjection]
    /// Synapses whose weights a plasticity rule changes.
    public var plasticProjections: [any PlasticSynapses] = []
    /// Synapses that carry a graded value every step (an astrocyte's slow inward current) into their targets'
    /// current input.
    public var signalProjections: [SignalProjection] = []
    /// Named signals that plasticity parameters follow, in the config's order.
    public var modulators: [Modulator] = []
    /// Neuron parameters that follow modulators or schedules, per population.
    public var parameterBindings: [PopulationBindings] = []
    /// Grid positions of each population's neurons, for the populations a layout places (`LayoutSpec`).
    public var positions: [[SIMD3<Double>]?] = []
    /// How many projections the config listed (static, generator and plastic).
    public var projectionCount: Int {
        projections.count + generatorProjections.count + plasticProjections.count + signalProjections.count
    }

    /// A network assembled in code (`NetworkBuilder` makes one from a spec).
    public init(grid: TimeGrid, seed: UInt64, populations: [any Population] = [], projections: [StaticProjection] = [],
                generatorProjections: [GeneratorProjection] = []) {
        self.grid = grid
        self.seed = seed
        self.populations = populations
        self.projections = projections
        self.generatorProjections = generatorProjections
    }

    /// Synapses of every kind.
    public var synapseCount: Int {
        projections.reduce(0) { $0 + $1.synapses.count } + generatorProjections.reduce(0) { $0 + $1.synapses.count }
            + plasticProjections.reduce(0) { $0 + $1.synapses.count } + signalProjections.reduce(0) { $0 + $1.synapses.count }
    }

    /// The index of the population named `name`.
    public func populationIndex(named name: String) -> Int? { populations.firstIndex { $0.name == name } }

    /// The index of the population named `name`, or a `ConfigError` at `path` that lists the known names.
    func populationIndex(named name: String, path: String) throws -> Int {
        guard let p = populationIndex(named: name) else {
            throw ConfigError(path: path, problem: unknownName("population", name, known: populations.map(\.name)))
        }
        return p
    }

    /// Sets an `external` modulator; the value holds from the next step on.
    public mutating func setModulator(_ name: String, to value: Double) throws {
        guard let m = modulators.firstIndex(where: { $0.name == name }) else {
            throw SNNError(unknownName("modulator", name, known: modulators.map(\.name)))
        }
        guard modulators[m].dynamics.isSettableFromCode else {
            throw SNNError("modulator '\(name)' follows its \(modulators[m].dynamics.kindName) and cannot be set from code; use an external modulator")
        }
        modulators[m].value = value
    }
}

/// Synapses from population `source` to population `target`.
public struct StaticProjection: Sendable {
    /// The source population's index.
    public var source: Int
    /// The target population's index.
    public var target: Int
    /// The synapses, by source row.
    public var synapses: SynapseTable
    /// The projection's index in the spec's `projections`.
    public var projectionIndex: Int

    /// Synapses from `source` to `target`.
    public init(source: Int, target: Int, synapses: SynapseTable, projectionIndex: Int) {
        self.source = source
        self.target = target
        self.synapses = synapses
        self.projectionIndex = projectionIndex
    }
}

/// Synapses from a population of `SignalEmitting` neurons (astrocytes): after each step, weight × the source
/// neuron's value goes into the target's current plane of the ring slot `delay` steps ahead. Stored as static
/// synapses are; what they carry is decided by the list they are in (`Network.signalProjections`).
public typealias SignalProjection = StaticProjection

/// Synapses from a generator population, which adds input to each target directly every step.
public struct GeneratorProjection: Sendable {
    /// What a generator adds to its targets each step. The built-in generators are cases of their own: each has a
    /// fast path in the clock engine and an exact form in the event engine. Any other generator that feeds its
    /// targets directly is `.custom`, with its output in a `GeneratorDrive`.
    public enum Drive: Sendable {
        /// Independent Poisson counts per synapse with this mean per step; the engine keeps one random stream
        /// per synapse, keyed by (seed, projection, synapse).
        case poisson(meanPerStep: Double)
        /// A current of `amplitudePA`·w into the target's current plane while `generator` is active.
        case current(DCGenerator)
        /// The spikes of a `spike_generator` with `spike_weights`: each adds w·factor to its target, in the plane of
        /// the product's sign, `delay` steps after it.
        case weightedSpikes(SpikeGenerator)
        /// A generator defined outside the built-ins (clock engine only): its output each step, times the weight.
        case custom(any GeneratorDrive)
    }

    /// The source population's index.
    public var source: Int
    /// The target population's index.
    public var target: Int
    /// The synapses, by source row.
    public var synapses: SynapseTable
    /// What the source generator sends.
    public var drive: Drive
    /// The config's projection index: part of the random streams' keys.
    public var projectionIndex: Int
}

extension GeneratorProjection.Drive {
    /// Whether this is a `GeneratorDrive` defined outside the built-ins.
    var isCustom: Bool {
        if case .custom = self { return true }
        return false
    }
}

extension GeneratorProjection {
    /// One random stream per synapse for Poisson drives, keyed by (seed, projection, synapse), as both engines
    /// draw them; none for other drives.
    func poissonStreams(seed: UInt64) -> [RandomStream] {
        guard case .poisson = drive else { return [] }
        return (0..<synapses.count).map { RandomStream(seed: seed, purpose: .poisson, UInt64(projectionIndex), UInt64($0)) }
    }
}
