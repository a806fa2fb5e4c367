// A plasticity rule defined here, outside the library, and used by name from a JSON config: each presynaptic
// arrival scales the weight by (1 − rate), each postsynaptic spike adds `rate`·(w_max − w) (a soft-bounded
// Hebbian rule without traces).
import Foundation
import SwiftSNN

struct SoftBoundedHebb: PlasticityRule {
    static let name = "soft_hebb"
    static let summary = "arrivals shrink w by (1 − rate); postsynaptic spikes move it toward w_max"
    static let parameters = [
        ParameterSpec("rate", unit: "1", default: 0.01, .probability, "Fraction of the weight moved per event"),
        ParameterSpec("w_max", unit: "pA", default: 100, .positive, "Upper bound"),
    ]

    var rate: Double
    var maxWeight: Double
    var nearestSpike: Bool
    var preTraceTausMs: Traces { Traces(1, 1) }
    var postTraceTausMs: Traces { Traces(1, 1) }
    var weightBounds: ClosedRange<Double> { 0...maxWeight }

    init(_ p: ParameterValues, options: PlasticityOptions) throws {
        rate = p["rate"]
        maxWeight = p["w_max"]
        nearestSpike = options.nearestSpike
    }

    func onPresynapticArrival(_ synapse: inout SynapseState, pre: Traces, post: Traces) { synapse.weight *= 1 - rate }
    func onPostsynapticSpike(_ synapse: inout SynapseState, pre: Traces, post: Traces) {
        synapse.weight += rate * (maxWeight - synapse.weight)
    }
}

let config = """
    {"simulation": {"duration_ms": 1000, "dt_ms": 0.1, "seed": 1},
     "populations": [
       {"name": "inputs", "size": 50, "model": "bernoulli_input", "params": {"p": 0.002}},
       {"name": "cell", "size": 1, "model": "iaf_psc_exp", "params": {"I_e": 370}}],
     "projections": [
       {"source": "inputs", "target": "cell", "connectivity": {"rule": "all_to_all"},
        "synapse": {"weight": 50, "delay_ms": 1},
        "plasticity": {"rule": "soft_hebb", "params": {"rate": 0.02, "w_max": 100}}}],
     "recorders": [{"name": "spikes", "type": "spikes", "population": "cell"}]}
    """

do {
    var rules = PlasticityRegistry.builtIn
    rules.register(SoftBoundedHebb.self, as: SoftBoundedHebb.name)
    var simulation = try Simulation(spec: try NetworkSpec(json: config), plasticityRules: rules)
    try simulation.run()
    let weights = try simulation.synapses(ofProjection: 0).weights
    let mean = weights.reduce(0, +) / Float(weights.count)
    print("output spikes: \(try simulation.spikes("spikes").count)")
    print(String(format: "weights after 1 s: mean %.2f, min %.2f, max %.2f pA", mean, weights.min()!, weights.max()!))
    exit(weights.allSatisfy { (0...100).contains($0) } && weights.contains { $0 != 50 } ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
