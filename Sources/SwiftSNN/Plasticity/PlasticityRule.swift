/// A synaptic plasticity rule: the math of one synapse's weight change, with the engine owning the loops, the
/// traces and the timing (NEST `stdp_synapse`, GeNN weight-update models).
///
/// For each plastic projection the engine keeps two presynaptic traces per source neuron and two postsynaptic
/// traces per target neuron, with the rule's time constants (`preTraceTausMs`, `postTraceTausMs`; a rule that
/// needs one trace per side ignores the second). Each decays exponentially and, at a spike, grows by 1
/// (all-to-all pairing) or is set to 1 (nearest-neighbour pairing).
///
/// Timing (the same in every rule): the whole synaptic delay is axonal. A presynaptic spike emitted at t_pre reaches
/// the synapse, and the target, at t_pre + d; that arrival is what the presynaptic traces and
/// `onPresynapticArrival` see. A postsynaptic spike acts on its synapses at its own time t_post (no dendritic
/// delay). So a rule sees Δt = t_post − (t_pre + d). In one step, arrivals come first, then postsynaptic spikes:
/// - `onPresynapticArrival` gets the presynaptic traces just before this arrival and the postsynaptic traces
///   without this step's postsynaptic spikes;
/// - `onPostsynapticSpike` gets the presynaptic traces including this step's arrivals (Δt = 0 counts as
///   pre-before-post) and the postsynaptic traces just before this spike.
public protocol PlasticityRule: Sendable {
    /// The config name (`"plasticity": {"rule": "stdp"}`).
    static var name: String { get }
    static var summary: String { get }
    static var parameters: [ParameterSpec] { get }

    /// `nearestSpike` is the config's `"pairing": "nearest"`.
    init(_ parameters: ParameterValues, nearestSpike: Bool) throws

    var preTraceTausMs: Traces { get }
    var postTraceTausMs: Traces { get }
    /// Whether a spike sets its traces to 1 (nearest-neighbour pairing) instead of adding 1 (all-to-all).
    var nearestSpike: Bool { get }
    /// The range weights are kept in; plastic weights never change sign, so this decides the receptor port.
    var weightBounds: ClosedRange<Double> { get }

    /// The weight after a presynaptic spike arrives (typically depression).
    func onPresynapticArrival(weight: Float, pre: Traces, post: Traces) -> Float
    /// The weight after the postsynaptic neuron fires (typically potentiation).
    func onPostsynapticSpike(weight: Float, pre: Traces, post: Traces) -> Float
}

/// The two trace values (or time constants) of one side of a synapse.
public struct Traces: Sendable, Equatable {
    public var first: Double
    public var second: Double

    public init(_ first: Double, _ second: Double) {
        self.first = first
        self.second = second
    }
}
