import Foundation
import SwiftSNN
import Testing

/// Delays changed during a run: a spike leaves with the delay its synapse has when it is emitted and keeps it in
/// flight. Expected values are closed forms of `iaf_psc_delta`'s free membrane (each arrival of weight w at t_a adds
/// w·e^(−(t − t_a)/τ_m) to V_m − E_L), so they tell apart which delay each spike travelled with.
@Suite struct ChangingDelayTests {
    /// Spikes at 10 and 12.5 ms from a generator into one `iaf_psc_delta` (E_L 0, τ_m 10 ms, threshold far away)
    /// through one synapse of weight 1 mV and delay 5 ms, with room for delays up to 8 ms.
    static func spec(plasticity: PlasticitySpec? = nil) -> NetworkSpec {
        let neuron = IafPscDelta.Parameters(capacitancePF: 250, tauMembraneMs: 10, restingMV: 0, thresholdMV: 1000,
                                            resetMV: 0, refractoryMs: 2, constantCurrentPA: 0)
        return NetworkSpec(simulation: SimulationSpec(durationMs: 30),
                           populations: [PopulationSpec(name: "in", size: 1, model: "spike_generator",
                                                        params: ["spike_times": .numbers([10, 12.5])]),
                                         PopulationSpec(name: "n", size: 1, neuron, initial: ["V_m": 0])],
                           projections: [ProjectionSpec(source: "in", target: "n", connectivity: .allToAll,
                                                        weight: .constant(1), delayMs: 5, plasticity: plasticity,
                                                        maxDelayMs: 8)])
    }

    /// The first spike leaves at 10 ms with delay 5 (arrives 15), the delay becomes 2 at 12 ms, the second spike
    /// leaves at 12.5 ms with delay 2 (arrives 14.5). V_m at 16 ms = e^(−1.5/10) + e^(−1/10).
    static func checkInFlightKeepsItsDelay(_ spec: NetworkSpec) throws {
        var sim = try Simulation(spec: spec)
        try sim.run(durationMs: 12)
        #expect(try sim.delays(ofProjection: 0) == [5])
        try sim.setDelays(ofProjection: 0, to: [2])
        #expect(try sim.delays(ofProjection: 0) == [2])
        try sim.run(durationMs: 2.4)
        #expect(try sim.values(of: "V_m", in: "n")[0] == 0)
        try sim.run(durationMs: 1.6)
        let expected = exp(-1.5 / 10) + exp(-1.0 / 10)
        #expect(abs(try sim.values(of: "V_m", in: "n")[0] - expected) < 1e-9)
    }

    @Test func aStaticSpikeInFlightKeepsItsDelayAndLaterSpikesTakeTheNewOne() throws {
        try Self.checkInFlightKeepsItsDelay(Self.spec())
    }

    @Test func aPlasticSpikeInFlightKeepsItsDelayAndLaterSpikesTakeTheNewOne() throws {
        // STDP with a zero learning rate: the plastic path's queue, with weights that stay 1.
        try Self.checkInFlightKeepsItsDelay(Self.spec(plasticity: PlasticitySpec(rule: "stdp", params: ["lambda": 0])))
    }

    @Test func aDelayBeyondMaxDelayIsAOneLineError() throws {
        var spec = Self.spec()
        spec.projections[0].delayMs = 9
        let error = try #require(throws: ConfigError.self) { try Simulation(spec: spec) }
        #expect(error.path == "projections[0].synapse.delay_ms")
        #expect(error.description == "projections[0].synapse.delay_ms: must be <= max_delay_ms (8 ms), got 9")
        var sim = try Simulation(spec: Self.spec())
        try sim.run(durationMs: 5)
        let setError = try #require(throws: SNNError.self) { try sim.setDelays(ofProjection: 0, to: [8.5]) }
        #expect(!setError.description.contains("\n") && setError.description.contains("max_delay_ms (8 ms)"))
        #expect(try sim.delays(ofProjection: 0) == [5])
    }

    @Test func aPlasticProjectionWithFixedDelaysRefusesNewOnes() throws {
        var spec = Self.spec(plasticity: PlasticitySpec(rule: "stdp"))
        spec.projections[0].maxDelayMs = nil
        var sim = try Simulation(spec: spec)
        let error = try #require(throws: SNNError.self) { try sim.setDelays(ofProjection: 0, to: [2]) }
        #expect(error.description.contains("max_delay_ms"))
    }
}
