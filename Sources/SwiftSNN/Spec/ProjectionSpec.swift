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
    /// The rule that changes the delays during the run, beside or without `plasticity`; nil: delays change only
    /// when code sets them between runs.
    public var delayPlasticity: DelayPlasticitySpec?
    /// The longest delay the projection may take during the run [ms]: the clock engine sizes its spike buffers
    /// from it, and a delay beyond it (drawn, learned or set from code) is an error, never clipped. nil: the
    /// longest delay drawn, or `d_max_ms` of the delay rule.
    public var maxDelayMs: Double?
    /// The share of the delay that lies in the target's dendrite (0 ... 1; nil: 0, all axonal), for plasticity
    /// timing: the spike reaches the synapse at t_pre + (1 − f)·d and the postsynaptic spike reaches it back at
    /// t_post + f·d, so a weight rule sees Δt = t_post − t_pre − d + 2f·d (f = 1 is NEST's convention). Delivery
    /// to the target is at t_pre + d whatever f is.
    public var dendriticFraction: Double?
    /// nil: spikes.
    public var synapseType: SynapseType?
    /// Astrocytes joining the projection's synapses (tripartite synapses).
    public var thirdFactor: ThirdFactorSpec?

    /// Synapses from `source` to `target`; see the properties for the units.
    public init(source: String, target: String, connectivity: Connectivity, weight: ValueSpec,
                delayMs: ValueSpec? = nil, plasticity: PlasticitySpec? = nil, delayPlasticity: DelayPlasticitySpec? = nil,
                maxDelayMs: Double? = nil, dendriticFraction: Double? = nil, synapseType: SynapseType? = nil,
                thirdFactor: ThirdFactorSpec? = nil) {
        self.source = source
        self.target = target
        self.connectivity = connectivity
        self.weight = weight
        self.delayMs = delayMs
        self.plasticity = plasticity
        self.delayPlasticity = delayPlasticity
        self.maxDelayMs = maxDelayMs
        self.dendriticFraction = dendriticFraction
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

/// A delay plasticity rule on a projection (`"delay_plasticity": {"rule": "delay_shift", "params": {...}}`).
public struct DelayPlasticitySpec: Sendable, Equatable {
    /// The rule's registered name (`PlasticityRegistry.delayRule(named:)`).
    public var rule: String
    /// The rule's parameters by key (numbers or bindings); keys left out take the rule's defaults.
    public var params: [String: ParameterValue]
    /// For supervised rules (`DelayPlasticityRule.usesTeacher`): the population whose neuron i spikes when target
    /// neuron i should; as many neurons as the target.
    public var teacher: String?

    /// The delay rule registered as `rule` with these parameters (and teacher population, for supervised rules).
    public init(rule: String, params: [String: ParameterValue] = [:], teacher: String? = nil) {
        self.rule = rule
        self.params = params
        self.teacher = teacher
    }
}
