/// Synapses from one population to another: which pairs (`connectivity`), their weights and delays, and
/// optionally a plasticity rule that changes the weights during the run.
public struct ProjectionSpec: Sendable, Equatable {
    /// The delay when a spec gives none [ms].
    public static let defaultDelayMs = 1.0

    /// What a synapse carries, when it is not spikes.
    public enum SynapseType: String, Sendable, CaseIterable {
        /// An astrocyte's slow inward current (NEST `sic_connection`): every step, weight × SIC of the source's
        /// calcium enters the target as a current in pA, after the delay. Any neuron model can receive it.
        case sic
    }

    /// Population names.
    public var source: String
    /// The target population's name (a neuron model, not an input).
    public var target: String
    /// Which pairs are connected.
    public var connectivity: Connectivity
    /// Weight per synapse: mV for `iaf_psc_delta`, pA for current-based, nS for conductance-based models; the
    /// sign selects the excitatory or inhibitory port.
    public var weight: ValueSpec
    /// Delay per synapse in ms (default `defaultDelayMs`).
    public var delayMs: ValueSpec?
    /// The rule that changes the weights during the run; nil: static synapses.
    public var plasticity: PlasticitySpec?
    /// nil: spikes.
    public var synapseType: SynapseType?
    /// Astrocytes joining the projection's synapses (tripartite synapses).
    public var thirdFactor: ThirdFactorSpec?

    /// Synapses from `source` to `target`; see the properties for the units.
    public init(source: String, target: String, connectivity: Connectivity, weight: ValueSpec,
                delayMs: ValueSpec? = nil, plasticity: PlasticitySpec? = nil, synapseType: SynapseType? = nil,
                thirdFactor: ThirdFactorSpec? = nil) {
        self.source = source
        self.target = target
        self.connectivity = connectivity
        self.weight = weight
        self.delayMs = delayMs
        self.plasticity = plasticity
        self.synapseType = synapseType
        self.thirdFactor = thirdFactor
    }
}

/// A plasticity rule on a projection (`"plasticity": {"rule": "stdp", "params": {...}, "pairing": ...}`).
public struct PlasticitySpec: Sendable, Equatable {
    /// Which spike pairs a trace-based rule sees.
    public enum Pairing: String, Sendable, CaseIterable {
        /// Every spike adds to the traces (NEST's default).
        case allToAll = "all_to_all"
        /// A spike sets the traces to 1: only the nearest spikes pair.
        case nearest
    }

    /// The rule's registered name (`PlasticityRegistry`).
    public var rule: String
    /// The rule's parameters by key (numbers or bindings); keys left out take the rule's defaults.
    public var params: [String: ParameterValue]
    /// Default: all to all.
    public var pairing: Pairing?

    /// The rule registered as `rule` with these parameters.
    public init(rule: String, params: [String: ParameterValue] = [:], pairing: Pairing? = nil) {
        self.rule = rule
        self.params = params
        self.pairing = pairing
    }
}
