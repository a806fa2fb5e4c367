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

    @inline(__always)
    func store(_ synapse: SynapseState, _ k: Int) {
        weights[k] = Float(synapse.weight)
        if Rule.keepsExactWeights { exactWeights![k] = synapse.weight }
        if Rule.usesSynapseTrace { traces![k] = synapse.trace }
    }
}
