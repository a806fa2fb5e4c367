/// A simulation engine: advances a network and feeds recorders. The same `Network` and recorders run on any
/// engine.
public protocol Engine {
    /// Which engine this is, as a spec names it.
    static var kind: EngineKind { get }
    /// - Parameters:
    ///   - network: the network lowered from a spec; the engine owns its copy.
    ///   - threads: worker threads; 0 means all cores. Output must not depend on it.
    init(network: Network, threads: Int) throws
    /// The network as it is now: its state after the last step.
    var network: Network { get }
    /// The worker threads the engine runs on.
    var threads: Int { get }
    /// Counts so far (spikes per population, synaptic events), for the run summary.
    var statistics: RunStatistics { get }
    /// State variable `variable` of neuron `neuron` of population `population` at the current time.
    func value(ofVariable variable: Int, neuron: Int, population: Int) -> Double
    /// Changes the network between runs (state, parameters, weights; not its structure: populations, synapses
    /// and delays stay), from the next step on. Spikes already on their way keep the weights they left with in
    /// the clock engine and take their synapses' weights on arrival in the event engine.
    mutating func edit(_ change: (inout Network) throws -> Void) throws
    /// Starts over at step 0 with `network` (a network of the same structure) as the state: nothing in flight, no
    /// counts; the random streams of generators go on where they were, so a new trial sees new input noise.
    mutating func restart(from network: Network) throws
    /// Sets an `external` modulator (`Network.setModulator`) for the steps that follow.
    mutating func setModulator(_ name: String, to value: Double) throws
    /// Advances the simulation by `durationMs`; `observer` is told the simulated time now and then.
    mutating func run(durationMs: Double, recorders: inout [any Recorder], observer: ((_ simulatedMs: Double) -> Void)?) throws
}

/// What a run produced, independent of recorders.
public struct RunStatistics: Sendable, Equatable {
    /// Spikes per population, in the spec's order.
    public var spikes: [Int]
    /// Spikes delivered to synapses (one per synapse reached).
    public var synapticEvents: UInt64 = 0
    /// Simulated time so far [ms].
    public var simulatedMs: Double = 0
}
