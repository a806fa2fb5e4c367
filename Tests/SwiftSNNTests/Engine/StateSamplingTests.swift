import Foundation
import Testing
@testable import SwiftSNN

/// The clock engine's threads run through a min-delay slice without stopping, except after steps whose state a
/// recorder reads. Reference: the same network run one step per `run(durationMs:)` call and sampled after every
/// step, so every sample is taken when the run has stopped; the samples of one run with sparser sampling must be
/// exactly the matching ones, and the spikes must not change.
@Suite struct StateSamplingTests {
    static func network(intervalMs: Double, threads: Int) -> String {
        """
        {
          "simulation": {"duration_ms": 60, "dt_ms": 0.1, "seed": 3, "threads": \(threads)},
          "populations": [
            {"name": "e", "size": 60, "model": "iaf_psc_exp", "params": {"tau_syn_ex": 1.0},
             "initial": {"V_m": {"uniform": [-70, -56]}}},
            {"name": "drive", "size": 1, "model": "poisson_generator", "params": {"rate": 12000}}
          ],
          "projections": [
            {"source": "e", "target": "e", "connectivity": {"rule": "fixed_indegree", "K": 10},
             "synapse": {"weight": {"uniform": [-300, 200]}, "delay_ms": 1.5}},
            {"source": "drive", "target": "e", "connectivity": {"rule": "all_to_all"},
             "synapse": {"weight": 87.8, "delay_ms": 1.5}}
          ],
          "recorders": [
            {"name": "spikes", "type": "spikes", "population": "e"},
            {"name": "vm", "type": "state", "population": "e", "variables": ["V_m", "I_syn_ex"], "interval_ms": \(intervalMs)}
          ]
        }
        """
    }

    @Test(arguments: [1, 2, 3])
    func sparseStateSamplesEqualTheMatchingSamplesOfAStepByStepRun(threads: Int) throws {
        var everyStep = try Simulation(spec: InlineConfig.config(Self.network(intervalMs: 0.1, threads: threads)))
        for _ in 0..<600 { try everyStep.run(durationMs: 0.1) }
        let sparse = try InlineConfig.run(Self.network(intervalMs: 0.7, threads: threads))
        let dense = try InlineConfig.recorder("vm", of: everyStep, as: StateRecorder.self)
        let thinned = try InlineConfig.recorder("vm", of: sparse, as: StateRecorder.self)
        let spikesDense = try InlineConfig.recorder("spikes", of: everyStep, as: SpikeRecorder.self)
        let spikesSparse = try InlineConfig.recorder("spikes", of: sparse, as: SpikeRecorder.self)
        try #require(dense.sampleCount == 600 && thinned.sampleCount == 85)
        #expect(spikesDense.output(grid: everyStep.network.grid) == spikesSparse.output(grid: sparse.network.grid))
        #expect(everyStep.summary.populations["e"]!.spikes > 20, "the network should fire")
        let perSample = dense.neurons.count * dense.variables.count
        for k in 0..<thinned.sampleCount {
            let d = 7 * (k + 1) - 1  // the sample at t = 0.7 (k + 1) ms is the dense run's sample after that step
            #expect(Array(thinned.samples[(k * perSample)..<((k + 1) * perSample)])
                    == Array(dense.samples[(d * perSample)..<((d + 1) * perSample)]), "sample \(k)")
        }
    }
}
