/// A projection whose weights a plasticity rule changes during the run, as the clock engine drives it.
public protocol PlasticSynapses: Sendable {
    /// The source population's index.
    var source: Int { get }
    /// The target population's index.
    var target: Int { get }
    /// The projection's index in the config's `projections`.
    var projectionIndex: Int { get }
    /// Structure (rows, targets, delay) and the initial weights. Its rows are the projection's `channels`.
    var synapses: SynapseTable { get }
    /// The (source neuron, delay) group of each row of `synapses`.
    var channels: DelayChannels { get }
    /// The current weights, in the order of `synapses`.
    var weights: Column<Float> { get }
    /// The rule's registered name.
    var ruleName: String { get }
    /// Which receptor planes the weights can reach: plastic weights keep the sign their bounds allow.
    var canBeExcitatory: Bool { get }
    /// Whether some weight may be negative (the inhibitory plane is then read).
    var canBeInhibitory: Bool { get }
    /// The per-synapse delays that change during the run, with their rule; nil when the delays are the fixed ones
    /// of `channels`.
    var learnedDelays: LearnedDelays? { get set }
    /// The share of the delay in the target's dendrite (`ProjectionSpec.dendriticFraction`): postsynaptic spikes
    /// reach the synapses 2·f·d after they happen, in the frame where arrivals are at t_pre + d.
    var dendriticFraction: Double { get set }

    /// Replaces the current weights (in the order of `synapses`) between runs; the rule's bounds apply.
    mutating func setWeights(_ weights: [Float])

    /// A worker over this projection's state for one run; it holds raw pointers into the state, valid until the
    /// projection is next copied and mutated, or destroyed.
    mutating func makeWorker(grid: TimeGrid) -> any PlasticWorker
    /// A worker for the event-driven engine, or a `ConfigError` if the rule needs the clock.
    mutating func makeExactWorker() throws -> any ExactPlasticWorker
}

/// The steps of plasticity inside one clock step k (arrivals and post spikes both at time (k+1)·dt).
public protocol PlasticWorker: Sendable {
    /// Serially, at the start of every step: the rule's bound parameters take their values for step k
    /// (`ParameterBinding`); throws if the rule refuses them.
    func prepare(step: Int, modulators: [Modulator]) throws
    /// Whether `stepSynapses` has anything to do (the rule's `updatesEveryStep`).
    var updatesEveryStep: Bool { get }
    /// In each thread's part, before arrivals: the rule's `onStep` for the synapses `rowBegin[s]..<rowEnd[s]` of
    /// every source s.
    func stepSynapses(rowBegin: UnsafePointer<Int64>, rowEnd: UnsafePointer<Int64>)
    /// Serially, before the step's parallel part: counts the arrivals of step k per channel (`arrivals` lists
    /// channels, rows of the projection's table, repeats adjacent).
    func beginStep(arrivals: [Int32])
    /// Serially, at the start of every step: all traces decay by one step.
    func decayTraces()
    /// Serially, after the step's parallel part of every step (also without arrivals): the presynaptic traces take
    /// the arrivals of step k; a matrix rule's period ends here.
    func endStep(arrivals: [Int32], step: Int)
    /// In each thread's part: depression of the synapses `rowBegin[c]..<rowEnd[c]` of every arriving channel c,
    /// then their new weights are added to the target's input of this step. Returns the synaptic events.
    func arrive(arrivals: [Int32], rowBegin: UnsafePointer<Int64>, rowEnd: UnsafePointer<Int64>,
                input: UnsafeMutablePointer<Double>, excitatoryPlane: Int, inhibitoryPlane: Int) -> UInt64
    /// In each thread's part, after the neuron update: potentiation of the incoming synapses of the part's target
    /// neurons that fired (ascending), now or deferred (`PostSpikeHistory`), then their postsynaptic traces.
    func postsynapticSpikes(_ targets: ArraySlice<Int32>, step: Int)
    /// Serially, after a step: applies deferred potentiation, so that the weights are current for whoever reads them.
    func flush()
}

extension PlasticSynapses {
    public mutating func makeExactWorker() throws -> any ExactPlasticWorker {
        throw ConfigError(path: "projections[\(projectionIndex)].plasticity",
                          problem: "\(ruleName) has no event-driven form; use \"engine\": \"clock\"")
    }
}

extension PlasticWorker {
    /// Workers that apply every update at once have nothing to flush.
    public func flush() {}
}
