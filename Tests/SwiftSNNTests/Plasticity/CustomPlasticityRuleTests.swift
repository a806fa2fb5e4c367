import Foundation
import Testing
@testable import SwiftSNN

/// A rule written outside the library target, as a user would: every postsynaptic spike adds `step` to each
/// incoming weight, presynaptic arrivals change nothing. The expected weight is counted by hand from the spikes.
struct PostSpikeCounterRule: PlasticityRule {
    static let name = "post_counter"
    static let summary = "adds a fixed step per postsynaptic spike (test rule)"
    static let parameters = [ParameterSpec("step", unit: "w", default: 0.25, "Weight added per postsynaptic spike")]

    var step: Double
    var nearestSpike: Bool
    var preTraceTausMs: Traces { Traces(1, 1) }
    var postTraceTausMs: Traces { Traces(1, 1) }
    var weightBounds: ClosedRange<Double> { 0...1000 }

    init(_ p: ParameterValues, options: PlasticityOptions) throws {
        step = p["step"]
        nearestSpike = options.nearestSpike
    }

    func onPresynapticArrival(_ synapse: inout SynapseState, pre: Traces, post: Traces) {}
    func onPostsynapticSpike(_ synapse: inout SynapseState, pre: Traces, post: Traces) { synapse.weight += step }
}

@Suite struct CustomPlasticityRuleTests {
    static let json = """
        {"simulation": {"duration_ms": 100, "dt_ms": 0.1, "seed": 1},
         "populations": [
           {"name": "pre", "size": 2, "model": "spike_generator", "params": {"spike_times": [5.0]}},
           {"name": "post", "size": 1, "model": "iaf_psc_delta", "params": {"I_e": 2000, "t_ref": 2}}],
         "projections": [
           {"source": "pre", "target": "post", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1},
            "plasticity": {"rule": "post_counter", "params": {"step": 0.5}}}],
         "recorders": [{"name": "w", "type": "weights", "projection": 0, "interval_ms": 100},
                       {"name": "s", "type": "spikes", "population": "post"}]}
        """

    @Test func ruleRegisteredFromOutsideTheLibraryIsUsedByName() throws {
        var rules = PlasticityRegistry.builtIn
        rules.register(PostSpikeCounterRule.self, as: "post_counter")
        var simulation = try Simulation(config: InlineConfig.config(Self.json), plasticityRules: rules)
        try simulation.run()
        let spikes = try InlineConfig.recorder("s", of: simulation, as: SpikeRecorder.self).ids.count
        let w = try InlineConfig.recorder("w", of: simulation, as: WeightRecorder.self)
        #expect(spikes > 3)
        #expect(w.samples == [Double](repeating: 1 + 0.5 * Double(spikes), count: 2))
    }

    @Test func unregisteredRuleIsAConfigErrorListingTheKnownRules() throws {
        #expect(throws: ConfigError(path: "projections[0].plasticity.rule",
                                    problem: "unknown plasticity rule 'post_counter'; known: bcm, hebbian, oja_subspace, stdp, stdp_signed, stdp_triplet, three_factor")) {
            _ = try Simulation(config: InlineConfig.config(Self.json))
        }
    }
}
