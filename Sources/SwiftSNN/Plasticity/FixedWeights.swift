/// The weight rule of a projection that learns only its delays (`"delay_plasticity"` without `"plasticity"`):
/// weights stay as drawn, of either sign.
struct FixedWeights: PlasticityRule {
    static let name = "static"
    static let summary = "weights stay as drawn"
    static let parameters: [ParameterSpec] = []

    let preTraceTausMs = Traces(1, 1)
    let postTraceTausMs = Traces(1, 1)
    let nearestSpike = true
    let weightBounds = -Double(Float.greatestFiniteMagnitude)...Double(Float.greatestFiniteMagnitude)

    init(_ parameters: ParameterValues, options: PlasticityOptions) throws {}

    func onPresynapticArrival(_ synapse: inout SynapseState, pre: Traces, post: Traces) {}
    func onPostsynapticSpike(_ synapse: inout SynapseState, pre: Traces, post: Traces) {}
}
