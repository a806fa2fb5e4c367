/// A synaptic plasticity rule: the math of one synapse's weight change, with the engine owning the loops, the
/// traces, the per-synapse storage and the timing (NEST `stdp_synapse`, GeNN weight-update models).
///
/// For each plastic projection the engine keeps two presynaptic traces per source neuron and two postsynaptic
/// traces per target neuron, with the rule's time constants (`preTraceTausMs`, `postTraceTausMs`; a rule that
/// needs one trace per side ignores the second). Each decays exponentially and, at a spike, grows by 1
/// (all-to-all pairing) or is set to 1 (nearest-neighbour pairing). Each synapse holds its weight and, for rules
/// with `usesSynapseTrace`, one more variable of the rule's own (an eligibility trace, a momentum).
///
/// Timing (the same in every rule): the whole synaptic delay is axonal. A presynaptic spike emitted at t_pre reaches
/// the synapse, and the target, at t_pre + d; that arrival is what the presynaptic traces and
/// `onPresynapticArrival` see. A postsynaptic spike acts on its synapses at its own time t_post (no dendritic
/// delay). So a rule sees Δt = t_post − (t_pre + d). In one step, `onStep` comes first, then arrivals, then
/// postsynaptic spikes:
/// - `onPresynapticArrival` gets the presynaptic traces just before this arrival and the postsynaptic traces
///   without this step's postsynaptic spikes;
/// - `onPostsynapticSpike` gets the presynaptic traces including this step's arrivals (Δt = 0 counts as
///   pre-before-post) and the postsynaptic traces just before this spike.
///
/// Parameters may change during a run: a config can bind any of them to a modulator or to a multiplicative
/// schedule (`ParameterBinding`); the engine then builds the rule anew from the changed values before the step
/// they apply to. A rule therefore keeps everything it needs in its stored properties, computed in `init`.
public protocol PlasticityRule: Sendable {
    /// The config name (`"plasticity": {"rule": "stdp"}`).
    static var name: String { get }
    /// One line on the rule, in `snn models`.
    static var summary: String { get }
    /// The parameter table: keys, units, defaults, ranges.
    static var parameters: [ParameterSpec] { get }
    /// Whether each synapse carries `SynapseState.trace` (default: no, and it is always 0).
    static var usesSynapseTrace: Bool { get }
    /// Whether the engine keeps each weight in double precision besides the Float32 copy that transmission reads
    /// (default: no). Rules that change weights a little at every step need it: Float32 rounding would lose
    /// increments below half a unit in the last place (6e-8 relative) and let the others drift.
    static var keepsExactWeights: Bool { get }
    /// Whether the engine calls `onStep` for every synapse at every step (default: no).
    static var updatesEveryStep: Bool { get }

    /// The rule with the given parameters (checked against `parameters`) and options.
    init(_ parameters: ParameterValues, options: PlasticityOptions) throws

    /// Time constants of the presynaptic traces the rule reads (at most two) [ms].
    var preTraceTausMs: Traces { get }
    /// Time constants of the postsynaptic traces the rule reads (at most two) [ms].
    var postTraceTausMs: Traces { get }
    /// Whether a spike sets its traces to 1 (nearest-neighbour pairing) instead of adding 1 (all-to-all).
    var nearestSpike: Bool { get }
    /// The range weights are kept in; plastic weights never change sign, so this decides the receptor port.
    var weightBounds: ClosedRange<Double> { get }

    /// A presynaptic spike arrives (typically depression).
    func onPresynapticArrival(_ synapse: inout SynapseState, pre: Traces, post: Traces)
    /// The postsynaptic neuron fires (typically potentiation).
    func onPostsynapticSpike(_ synapse: inout SynapseState, pre: Traces, post: Traces)
    /// One step of dt passes (only when `updatesEveryStep`), before the step's arrivals.
    func onStep(_ synapse: inout SynapseState)
}

extension PlasticityRule {
    public static var usesSynapseTrace: Bool { false }
    public static var keepsExactWeights: Bool { false }
    public static var updatesEveryStep: Bool { false }
    public func onStep(_ synapse: inout SynapseState) {}
}

/// What a rule's `init` gets besides its parameters.
public struct PlasticityOptions: Sendable, Equatable {
    /// The config's `"pairing": "nearest"`.
    public var nearestSpike: Bool
    /// The clock engine's step, for rules with `updatesEveryStep`.
    public var dtMs: Double

    /// Options of a projection's rule: its pairing and the time step.
    public init(nearestSpike: Bool = false, dtMs: Double) {
        self.nearestSpike = nearestSpike
        self.dtMs = dtMs
    }
}

/// One synapse as a rule sees it: its weight and the rule's own per-synapse variable. The weight is stored as
/// Float32 (rounded after each callback) unless the rule `keepsExactWeights`.
public struct SynapseState: Sendable, Equatable {
    /// The synapse's weight.
    public var weight: Double
    /// A per-synapse variable for rules that need one (an eligibility trace).
    public var trace: Double

    /// A synapse of weight `weight`.
    public init(weight: Double, trace: Double = 0) {
        self.weight = weight
        self.trace = trace
    }
}

/// The two trace values (or time constants) of one side of a synapse.
public struct Traces: Sendable, Equatable, BitwiseCopyable {
    /// The first trace (of time constant `*TraceTausMs[0]`).
    public var first: Double
    /// The second trace, 0 when the rule asks for one.
    public var second: Double

    /// Trace values.
    public init(_ first: Double, _ second: Double) {
        self.first = first
        self.second = second
    }
}
