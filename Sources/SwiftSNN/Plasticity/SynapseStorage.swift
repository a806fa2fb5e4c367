/// Where a plastic projection's per-synapse state lives, and how a rule's `SynapseState` is read from and written
/// back to it.
struct SynapseStorage<Rule: PlasticityRule>: @unchecked Sendable {
    let weights: UnsafeMutablePointer<Float>
    /// Set when the rule `keepsExactWeights`.
    let exactWeights: UnsafeMutablePointer<Double>?
    /// Set when the rule `usesSynapseTrace`.
    let traces: UnsafeMutablePointer<Double>?

    @inline(__always)
    func load(_ k: Int) -> SynapseState {
        SynapseState(weight: Rule.keepsExactWeights ? exactWeights![k] : Double(weights[k]),
                     trace: Rule.usesSynapseTrace ? traces![k] : 0)
    }

    /// The weight as `store` would keep it: a synapse that takes several callbacks between a load and a store
    /// (deferred postsynaptic spikes, then an arrival) is rounded after each, as if stored in between, so that
    /// when deferred spikes are applied (at an arrival, or earlier when the weights are read) does not change the
    /// weights.
    @inline(__always)
    func round(_ synapse: inout SynapseState) {
        if !Rule.keepsExactWeights { synapse.weight = Double(Float(synapse.weight)) }
    }

    @inline(__always)
    func store(_ synapse: SynapseState, _ k: Int) {
        weights[k] = Float(synapse.weight)
        if Rule.keepsExactWeights { exactWeights![k] = synapse.weight }
        if Rule.usesSynapseTrace { traces![k] = synapse.trace }
    }
}
