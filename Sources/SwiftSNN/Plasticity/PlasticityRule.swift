/// A synaptic plasticity rule: the math of one synapse's weight change, with the engine owning the loops, the
/// traces and the timing (NEST `stdp_synapse`, GeNN weight-update models).
///
/// The engine keeps one presynaptic trace per source neuron and one postsynaptic trace per target neuron for each
/// plastic projection. Each decays exponentially with the rule's time constant and, at a spike, grows by 1
/// (all-to-all pairing) or is set to 1 (nearest-neighbour pairing).
///
/// Timing (the same in every rule): the whole synaptic delay is axonal. A presynaptic spike emitted at t_pre reaches
/// the synapse, and the target, at t_pre + d; that arrival is what the presynaptic trace and
/// `onPresynapticArrival` see. A postsynaptic spike acts on its synapses at its own time t_post (no dendritic
/// delay). So a rule sees Δt = t_post − (t_pre + d). When an arrival and a postsynaptic spike fall in the same
/// step, the arrival is processed first: Δt = 0 counts as pre-before-post.
public protocol PlasticityRule: Sendable {
    /// The config name (`"plasticity": {"rule": "stdp"}`).
    static var name: String { get }
    static var summary: String { get }
    static var parameters: [ParameterSpec] { get }

    /// `pairing` is "all_to_all" or "nearest" (checked by the caller).
    init(_ parameters: ParameterValues, nearestSpike: Bool) throws

    var preTraceTauMs: Double { get }
    var postTraceTauMs: Double { get }
    /// Whether a spike sets its trace to 1 (nearest-neighbour pairing) instead of adding 1 (all-to-all).
    var nearestSpike: Bool { get }
    /// The range weights are kept in; plastic weights never change sign, so this decides the receptor port.
    var weightBounds: ClosedRange<Double> { get }

    /// The weight after a presynaptic spike arrives while the postsynaptic trace is `postTrace` (depression).
    func onPresynapticArrival(weight: Float, postTrace: Double) -> Float
    /// The weight after the postsynaptic neuron fires while the synapse's presynaptic trace is `preTrace`
    /// (potentiation).
    func onPostsynapticSpike(weight: Float, preTrace: Double) -> Float
}
