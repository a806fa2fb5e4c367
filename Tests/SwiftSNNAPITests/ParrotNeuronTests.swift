import Foundation
import SwiftSNN
import Testing

/// `parrot_neuron` repeats its input as NEST's does: a spike stamped t reaching it through delay d leaves it stamped
/// t + d. Reference: NEST 3.10 run on these inputs (spike_generator [10, 20.5, 30] ms, delay 1 ms, dt 0.1 ms) records
/// 11, 21.5 and 31 ms; for two arrivals in one step it records two spikes at 11 ms (one event of multiplicity 2),
/// where SwiftSNN's spike lists hold one.
@Suite struct ParrotNeuronTests {
    static func spec(times: [[Double]], engine: EngineKind? = nil) -> NetworkSpec {
        NetworkSpec(simulation: SimulationSpec(durationMs: 50, engine: engine),
                    populations: [PopulationSpec(name: "gen", size: times.count, model: "spike_generator",
                                                 params: ["spike_times": .lists(times)]),
                                  PopulationSpec(name: "parrot", size: 1, ParrotNeuron.Parameters())],
                    projections: [ProjectionSpec(source: "gen", target: "parrot", connectivity: .allToAll,
                                                 weight: .constant(1), delayMs: 1)],
                    recorders: [.spikes("spikes", of: "parrot")])
    }

    @Test func aParrotRepeatsEachSpikeOneDelayLater() throws {
        var sim = try Simulation(spec: Self.spec(times: [[10, 20.5, 30]]))
        try sim.run()
        let times = try sim.spikes("spikes").timesMs
        #expect(times.count == 3)
        for (t, expected) in zip(times, [11.0, 21.5, 31]) { #expect(abs(t - expected) < 1e-9) }
    }

    @Test func arrivalsInOneStepGiveOneSpike() throws {
        var sim = try Simulation(spec: Self.spec(times: [[10], [10], [25]]))
        try sim.run()
        let times = try sim.spikes("spikes").timesMs
        #expect(times.count == 2)
        for (t, expected) in zip(times, [11.0, 26]) { #expect(abs(t - expected) < 1e-9) }
    }

    @Test func aParrotCanBeThePresynapticSideOfPlasticSynapses() throws {
        var spec = Self.spec(times: [[10, 20, 30, 40]])
        spec.populations.append(PopulationSpec(name: "post", size: 1, IafPscDelta.Parameters(constantCurrentPA: 400)))
        spec.projections.append(ProjectionSpec(source: "parrot", target: "post", connectivity: .allToAll, weight: .constant(1),
                                               delayMs: 1, plasticity: PlasticitySpec(rule: "stdp", params: ["lambda": 0.1])))
        var sim = try Simulation(spec: spec)
        try sim.run()
        #expect(try sim.synapses(ofProjection: 1).weights != [1])
    }
}
