import Foundation
import SwiftSNN
import Testing

/// NALSM's discrete-time LIF (`nalsm_lif`) at dt = 1 ms against the closed forms of its recursion
/// (SEED_PAPERS §1.2, from combra-lab/NALSM `NALSM_LIF_v1.py`): V_{k+1} = V_k(1 − 1/τ_v) + input_k.
@Suite struct NalsmLIFTests {
    static let tauV = 64.0

    /// One `nalsm_lif` neuron fed by `input` (a dc_generator or a spike_generator) through weight `weight`.
    static func run(input: PopulationSpec?, weight: Double = 1, threshold: Double = 20, initialV: Double = 0,
                    durationMs: Double = 200) throws -> (v: [Double], spikeTimes: [Double]) {
        var spec = NetworkSpec(
            simulation: SimulationSpec(durationMs: durationMs, dtMs: 1),
            populations: [PopulationSpec(name: "n", size: 1, model: "nalsm_lif", params: ["V_th": .number(threshold)],
                                         initial: ["V_m": .constant(initialV)])],
            recorders: [.state("v", of: "n", variables: ["V_m"], intervalMs: 1), .spikes("s", of: "n")])
        if let input {
            spec.populations.append(input)
            spec.projections = [ProjectionSpec(source: input.name, target: "n", connectivity: .allToAll,
                                               weight: .constant(weight), delayMs: 1)]
        }
        var sim = try Simulation(spec: spec)
        try sim.run()
        return (try sim.samples("v", variable: "V_m").values.map { $0[0] }, try sim.spikes("s").timesMs)
    }

    @Test func withoutInputVDecaysByOneOverTauPerStep() throws {
        let v = try Self.run(input: nil, initialV: 10).v
        for (k, vk) in v.enumerated() {
            #expect(abs(vk - 10 * pow(1 - 1 / Self.tauV, Double(k + 1))) < 1e-12)
        }
    }

    /// From V = 0 under a constant input I per step, V_n = I·τ_v·(1 − (1 − 1/τ_v)^n): with I = 1 the threshold 20 is
    /// first reached after n = ⌈ln(1 − 20/64) / ln(1 − 1/64)⌉ = 24 steps, and V restarts from 0 after each spike.
    @Test func constantInputFiresEveryStepsToThreshold() throws {
        let spikes = try Self.run(input: PopulationSpec(name: "dc", size: 1, model: "dc_generator", params: ["amplitude": 1]),
                                  durationMs: 300).spikeTimes
        let n = (log(1 - 20 / Self.tauV) / log(1 - 1 / Self.tauV)).rounded(.up)
        #expect(n == 24)
        #expect(spikes.count >= 10)
        for (a, b) in zip(spikes.dropFirst(), spikes) { #expect(abs(a - b - n) < 1e-9) }
    }

    /// With I = 25 per step V passes threshold in every step, so only t_ref (2 ms) spaces the spikes: one every
    /// 3 steps. V is not clamped while refractory: in the step after a spike it is 0 + 25 − 0, not V_reset.
    @Test func refractorinessBlocksSpikesButNotIntegration() throws {
        let (v, spikes) = try Self.run(input: PopulationSpec(name: "dc", size: 1, model: "dc_generator", params: ["amplitude": 25]),
                                       durationMs: 60)
        #expect(spikes.count >= 15)
        for (a, b) in zip(spikes.dropFirst(), spikes) { #expect(abs(a - b - 3) < 1e-9) }
        // The spike stamped t ends step t − 1 (sample t − 1), whose V was reset; sample t is one step of input later.
        let first = Int(spikes[0].rounded())
        #expect(v[first - 1] == 0)
        #expect(abs(v[first] - 25) < 1e-12)
    }

    /// A spike of weight w arriving in step a injects w·e^(−m) in step a + m (τ_u = 1 ms), so after step a + j,
    /// V = Σ_{m=0}^{j} w·e^(−m)·(1 − 1/τ_v)^(j − m).
    @Test func aSpikeInjectsTheExponentialKernelFromItsArrivalStep() throws {
        let w = 5.0
        let v = try Self.run(input: PopulationSpec(name: "in", size: 1, model: "spike_generator",
                                                   params: ["spike_times": .numbers([10])]),
                             weight: w, threshold: 1000, durationMs: 60).v
        // Emitted in the step ending at 10 ms (step 9), delivered 1 ms later: it arrives in step 10.
        let arrival = 10
        #expect(v[..<arrival].allSatisfy { $0 == 0 })
        for j in 0..<(v.count - arrival) {
            let expected = (0...j).reduce(0.0) { $0 + w * exp(-Double($1)) * pow(1 - 1 / Self.tauV, Double(j - $1)) }
            #expect(abs(v[arrival + j] - expected) < 1e-12, "step \(arrival + j)")
        }
    }
}
