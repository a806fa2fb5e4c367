import Foundation
import SwiftSNN
import Testing

/// Trials without rebuilding (`Simulation.reset`): state back to as built, weights kept or restored, input noise
/// going on. References: the first trial itself (a deterministic network replays it exactly) and a simulation
/// built anew from the same spec.
@Suite struct TrialResetTests {
    /// 50 Poisson-driven iaf_psc_delta neurons with recurrent STDP synapses and an astrocyte integrator.
    static func plastic() -> NetworkSpec {
        NetworkSpec(
            simulation: SimulationSpec(durationMs: 200, seed: 3),
            populations: [PopulationSpec(name: "noise", size: 1, model: "poisson_generator", params: ["rate": 9000]),
                          PopulationSpec(name: "n", size: 50, IafPscDelta.Parameters())],
            projections: [ProjectionSpec(source: "noise", target: "n", connectivity: .allToAll, weight: .constant(1.2)),
                          ProjectionSpec(source: "n", target: "n", connectivity: .pairwiseBernoulli(0.2), weight: .constant(1),
                                         delayMs: 1.5, plasticity: PlasticitySpec(rule: "stdp", params: ["lambda": 0.05, "w_max": 4]))],
            modulators: [ModulatorSpec(name: "astro", kind: .astrocyteIntegrator(AstrocyteIntegratorSpec(
                tauMs: 100, bias: 0.15, inputs: [.init(population: "n", weight: 0.015)])))],
            recorders: [.spikes("spikes", of: "n")])
    }

    @Test(arguments: ["cuba", "cuba_event"])
    func aDeterministicNetworkReplaysItsFirstTrialAfterAReset(config: String) throws {
        var spec = try NetworkSpec.load(from: Repository.config(config))
        spec.simulation.durationMs = 60
        var sim = try Simulation(spec: spec)
        try sim.run()
        let first = try sim.spikes("spikes_exc")
        #expect(first.count > 0)
        try sim.reset()
        #expect(sim.timeMs == 0)
        #expect(try sim.spikes("spikes_exc").count == 0)
        try sim.run()
        #expect(try sim.spikes("spikes_exc") == first)
    }

    @Test func inputNoiseGoesOnSoTrialsDifferWhileTheFirstMatchesAFreshBuild() throws {
        var sim = try Simulation(spec: Self.plastic())
        try sim.run()
        let first = try sim.spikes("spikes")
        try sim.reset(weights: .initial)
        try sim.run()
        #expect(try sim.spikes("spikes") != first)
        var fresh = try Simulation(spec: Self.plastic())
        try fresh.run()
        #expect(try fresh.spikes("spikes") == first)
    }

    @Test func weightsAreKeptOrRestoredAndModulatorsStartOver() throws {
        var sim = try Simulation(spec: Self.plastic())
        let built = try sim.synapses(ofProjection: 1).weights
        try sim.run()
        let learned = try sim.synapses(ofProjection: 1).weights
        #expect(learned != built)
        #expect(sim.network.modulators[0].value != 0.15)
        try sim.reset()
        #expect(try sim.synapses(ofProjection: 1).weights == learned)
        #expect(sim.network.modulators[0].value == 0.15)
        try sim.reset(weights: .initial)
        #expect(try sim.synapses(ofProjection: 1).weights == built)
    }
}
