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
        var simulation = try Simulation(spec: InlineConfig.config(Self.json), plasticityRules: rules)
        try simulation.run()
        let spikes = try InlineConfig.recorder("s", of: simulation, as: SpikeRecorder.self).ids.count
        let w = try InlineConfig.recorder("w", of: simulation, as: WeightRecorder.self)
        #expect(spikes > 3)
        #expect(w.samples == [Double](repeating: 1 + 0.5 * Double(spikes), count: 2))
    }

    @Test func unregisteredRuleIsAConfigErrorListingTheKnownRules() throws {
        #expect(throws: ConfigError(path: "projections[0].plasticity.rule",
                                    problem: "unknown plasticity rule 'post_counter'; known: bcm, hebbian, oja_subspace, stdp, stdp_signed, stdp_triplet, three_factor")) {
            _ = try Simulation(spec: InlineConfig.config(Self.json))
        }
    }
}

/// A whole-matrix rule written outside the library: at the end of every period each weight becomes the number of
/// its source's spikes that arrived during the period, plus the weight of the neighbouring synapse in its row
/// (so it must see the matrix, not one synapse). The expected weights are counted by hand from the spike times.
struct ArrivalCountRule: MatrixPlasticityRule {
    static let name = "arrival_count"
    static let summary = "weight = arrivals in the period + the row's first weight (test rule)"
    static let parameters = [ParameterSpec("period_ms", unit: "ms", default: 10, .positive, "Period")]

    var periodMs: Double

    init(_ p: ParameterValues, options: PlasticityOptions) throws { periodMs = p["period_ms"] }

    func update(_ matrix: WeightMatrix, presynapticCounts: UnsafeBufferPointer<Double>) {
        for s in 0..<matrix.sourceCount {
            let row = Int(matrix.rowStart[s])..<Int(matrix.rowStart[s + 1])
            let first = matrix.weight[row.lowerBound]
            for k in row { matrix.weight[k] = presynapticCounts[s] + first }
        }
    }
}

@Suite struct CustomMatrixRuleTests {
    @Test func matrixRuleRegisteredFromOutsideTheLibraryIsUsedByName() throws {
        let json = """
            {"simulation": {"duration_ms": 20, "dt_ms": 0.1, "seed": 1},
             "populations": [
               {"name": "pre", "size": 2, "model": "spike_generator",
                "params": {"spike_times": [[1.0, 2.0, 3.0, 12.0], [4.0]]}},
               {"name": "post", "size": 2, "model": "iaf_psc_delta"}],
             "projections": [
               {"source": "pre", "target": "post", "connectivity": {"rule": "all_to_all"},
                "synapse": {"weight": 0.5, "delay_ms": 1},
                "plasticity": {"rule": "arrival_count", "params": {"period_ms": 10}}}],
             "recorders": [{"name": "w", "type": "weights", "projection": 0, "interval_ms": 10}]}
            """
        var rules = PlasticityRegistry.builtIn
        rules.register(ArrivalCountRule.self, as: "arrival_count")
        var simulation = try Simulation(spec: InlineConfig.config(json), plasticityRules: rules)
        try simulation.run()
        let w = try InlineConfig.recorder("w", of: simulation, as: WeightRecorder.self).samples
        // Arrivals (spike + 1 ms): pre 0 at 2, 3, 4 and 13 ms; pre 1 at 5 ms. Period 1: counts 3 and 1 on top of
        // 0.5; period 2: counts 1 and 0 on top of the first period's weights.
        #expect(w == [3.5, 3.5, 1.5, 1.5, 4.5, 4.5, 1.5, 1.5])
    }
}
