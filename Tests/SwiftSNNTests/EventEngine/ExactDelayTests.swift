import Foundation
import Testing
@testable import SwiftSNN

/// The event engine delivers a spike emitted at t through a synapse of delay d at exactly t + d, for delays off
/// the dt grid. Reference: the iaf_psc_delta closed form V(t) = E_L + w·e^{−(t − t_a)/τ_m} for t ≥ t_a = t + d
/// (V = E_L before), and a neuron that the jump lifts over threshold fires at t_a itself.
@Suite struct ExactDelayTests {
    static let restMV = -70.0, tauMs = 10.0, weight = 2.0, spikeMs = 10.0

    static func config(delay: String, targets: Int, thresholdMV: Double, recorders: String) -> String {
        """
        {
          "simulation": {"duration_ms": 20, "dt_ms": 0.1, "engine": "event"},
          "populations": [
            {"name": "sg", "size": 1, "model": "spike_generator", "params": {"spike_times": [\(spikeMs)]}},
            {"name": "n", "size": \(targets), "model": "iaf_psc_delta",
             "params": {"E_L": \(restMV), "V_reset": \(restMV), "tau_m": \(tauMs), "V_th": \(thresholdMV)}}
          ],
          "projections": [{"source": "sg", "target": "n", "connectivity": {"rule": "all_to_all"},
                           "synapse": {"weight": \(weight), "delay_ms": \(delay)}}],
          "recorders": [\(recorders)]
        }
        """
    }

    @Test func pspJumpComesExactlyAtSpikeTimePlusOffGridDelay() throws {
        let delay = 1.2345
        let json = Self.config(delay: "\(delay)", targets: 1, thresholdMV: 1e9, recorders: #"""
            {"name": "vm", "type": "state", "population": "n", "variables": ["V_m"], "interval_ms": 0.1}
            """#)
        let vm = try InlineConfig.recorder("vm", of: InlineConfig.run(json), as: StateRecorder.self)
        let v = InlineConfig.trace(vm, neuron: 0)
        try #require(v.count == 200)
        let arrival = Self.spikeMs + delay
        for (k, value) in v.enumerated() {
            let t = Double(k + 1) * 0.1
            let expected = t < arrival ? Self.restMV : Self.restMV + Self.weight * exp(-(t - arrival) / Self.tauMs)
            // A jump at the grid point 11.2 or 11.3 instead would miss the samples near it by ≥ 2·(1 − e^{−0.0345/10}) ≈ 7e-3 mV.
            #expect(abs(value - expected) < 1e-12, "V_m at \(t) ms: \(value), closed form \(expected)")
        }
    }

    @Test func neuronLiftedOverThresholdFiresAtArrivalForEachOffGridDelay() throws {
        let delays = [1.2345, 0.3333, 7.77777]
        let json = Self.config(delay: #"{"array": \#(delays)}"#, targets: delays.count, thresholdMV: Self.restMV + 1,
                               recorders: #"{"name": "spikes", "type": "spikes", "population": "n"}"#)
        let trains = try SpikeTrains.of(InlineConfig.run(json), recorder: "spikes", count: delays.count)
        #expect(trains == delays.map { [Self.spikeMs + $0] })
    }

    /// Times and delays below half a step, which the clock engine's grid cannot represent, are taken as given.
    @Test func delaysAndSpikeTimesBelowHalfAStepAreExact() throws {
        let json = Self.config(delay: #"{"array": [0.02, 0.001]}"#, targets: 2, thresholdMV: Self.restMV + 1,
                               recorders: #"{"name": "spikes", "type": "spikes", "population": "n"}"#)
            .replacingOccurrences(of: "\"spike_times\": [\(Self.spikeMs)]", with: "\"spike_times\": [0.01]")
        let trains = try SpikeTrains.of(InlineConfig.run(json), recorder: "spikes", count: 2)
        #expect(trains == [[0.01 + 0.02], [0.01 + 0.001]])
    }
}
