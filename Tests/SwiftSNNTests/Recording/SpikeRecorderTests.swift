import Foundation
import Testing
@testable import SwiftSNN

/// The spike recorder's file: (t, id) records sorted by time then id, ids indexing the population, times the
/// step-end stamps (k + 1)·dt of NEST's spike_recorder.
@Suite struct SpikeRecorderTests {
    static func spikes(of recorder: SpikeRecorder, in simulation: Simulation) throws -> [(t: Double, id: Int)] {
        let file = try NpyArray(data: recorder.output(grid: simulation.network.grid))
        return zip(try file.field("t"), try file.field("id")).map { ($0, Int($1)) }
    }

    /// Many neurons fire in the same steps, and with 3 threads each step's spikes come from 3 parts.
    @Test func outputIsSortedByTimeThenIdAndFiltersTheListedNeurons() throws {
        let json = """
        {
          "simulation": {"duration_ms": 20, "dt_ms": 0.1, "seed": 2, "threads": 3},
          "populations": [{"name": "in", "size": 64, "model": "bernoulli_input", "params": {"p": 0.3}}],
          "recorders": [
            {"name": "all", "type": "spikes", "population": "in"},
            {"name": "some", "type": "spikes", "population": "in", "neurons": [40, 3, 7]}
          ]
        }
        """
        let simulation = try InlineConfig.run(json)
        let all = try Self.spikes(of: InlineConfig.recorder("all", of: simulation, as: SpikeRecorder.self), in: simulation)
        let some = try Self.spikes(of: InlineConfig.recorder("some", of: simulation, as: SpikeRecorder.self), in: simulation)
        #expect(all.count == simulation.summary.populations["in"]?.spikes)
        #expect(all.count > 1000, "expected 64 · 200 · 0.3 ≈ 3840 spikes")
        #expect(zip(all, all.dropFirst()).allSatisfy { ($0.t, $0.id) < ($1.t, $1.id) }, "strictly increasing (t, id)")
        let listed: Set = [3, 7, 40]
        #expect(some.map { [$0.t, Double($0.id)] } == all.filter { listed.contains($0.id) }.map { [$0.t, Double($0.id)] })
    }

    /// iaf_psc_delta at rest with I_e = 500 pA: V(t) = E_L + R·I_e·(1 − e^{−t/τ_m}) with R·I_e = 20 mV reaches
    /// V_th − E_L = 15 mV at t* = −τ_m·ln(1 − 15/20) = 13.863 ms, so the first spike is stamped at the end of the
    /// step containing t*, 13.9 ms. V is then held for t_ref = 2 ms and charges again from E_L: spikes every
    /// 2 + 13.9 ms (NEST iaf_psc_delta conventions).
    @Test func neuronSpikesAreStampedAtTheEndOfTheirStep() throws {
        let json = """
        {
          "simulation": {"duration_ms": 50, "dt_ms": 0.1, "threads": 1},
          "populations": [{"name": "n", "size": 1, "model": "iaf_psc_delta",
                           "params": {"I_e": 500, "C_m": 250, "tau_m": 10, "E_L": -70, "V_reset": -70, "V_th": -55, "t_ref": 2}}],
          "recorders": [{"name": "spikes", "type": "spikes", "population": "n"}]
        }
        """
        let simulation = try InlineConfig.run(json)
        let spikes = try Self.spikes(of: InlineConfig.recorder("spikes", of: simulation, as: SpikeRecorder.self), in: simulation)
        let expected = [13.9, 29.8, 45.7]
        #expect(spikes.count == expected.count)
        for (s, t) in zip(spikes, expected) {
            #expect(abs(s.t - t) < 1e-9 && s.id == 0, "spike at \(s.t), expected \(t)")
        }
    }
}
