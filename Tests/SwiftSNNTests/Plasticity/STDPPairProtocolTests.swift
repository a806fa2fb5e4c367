import Foundation
import Testing
@testable import SwiftSNN

/// One presynaptic and one postsynaptic spike through a plastic `stdp` synapse, against the rule's closed form
/// (PairSTDP's documentation; Song, Miller & Abbott 2000 with NEST stdp_synapse's weight dependence):
/// Δŵ = λ e^{−Δt/τ₊} (1 − ŵ)^μ₊ for Δt = t_post − (t_pre + d) ≥ 0, −αλ e^{Δt/τ₋} ŵ^μ₋ for Δt < 0.
/// The postsynaptic neuron is made to fire at t_post by a 100 mV kick; the plastic weight is too small to matter.
@Suite struct STDPPairProtocolTests {
    static let delayMs = 1.0, tauPlus = 16.8, tauMinus = 33.7, lambda = 0.05, alpha = 1.1, w0 = 0.4

    /// Config for a pre spike at `preMs` (arriving at preMs + delay) and a post spike at `postMs`.
    static func config(preTimes: [Double], postMs: Double, mu: Double, pairing: String = "all_to_all",
                       threads: Int = 1) -> String {
        """
        {"simulation": {"duration_ms": 200, "dt_ms": 0.1, "seed": 3, "threads": \(threads)},
         "populations": [
           {"name": "pre", "size": 1, "model": "spike_generator", "params": {"spike_times": \(preTimes)}},
           {"name": "kick", "size": 1, "model": "spike_generator", "params": {"spike_times": [\(postMs - 0.1)]}},
           {"name": "post", "size": 1, "model": "iaf_psc_delta",
            "params": {"E_L": 0, "V_th": 20, "V_reset": 0, "tau_m": 10, "t_ref": 2}, "initial": {"V_m": 0}}],
         "projections": [
           {"source": "pre", "target": "post", "connectivity": {"rule": "all_to_all"},
            "synapse": {"weight": \(w0), "delay_ms": \(delayMs)},
            "plasticity": {"rule": "stdp", "pairing": "\(pairing)",
              "params": {"lambda": \(lambda), "alpha": \(alpha), "mu_plus": \(mu), "mu_minus": \(mu), "w_max": 1,
                         "tau_plus": \(tauPlus), "tau_minus": \(tauMinus)}}},
           {"source": "kick", "target": "post", "connectivity": {"rule": "all_to_all"},
            "synapse": {"weight": 100, "delay_ms": 0.1}}],
         "recorders": [{"name": "w", "type": "weights", "projection": 0, "interval_ms": 200},
                       {"name": "post", "type": "spikes", "population": "post"}]}
        """
    }

    static func finalWeight(_ json: String) throws -> (weight: Double, postSpikes: [Double]) {
        let simulation = try InlineConfig.run(json)
        let w = try InlineConfig.recorder("w", of: simulation, as: WeightRecorder.self)
        let post = try InlineConfig.recorder("post", of: simulation, as: SpikeRecorder.self)
        return (w.samples.last!, post.times(grid: simulation.network.grid))
    }

    @Test(arguments: [-50.0, -20.0, -5.0, -0.1, 0.0, 0.1, 5.0, 20.0, 50.0], [0.0, 1.0])
    func weightChangeOfOnePairMatchesClosedForm(deltaTMs: Double, mu: Double) throws {
        let postMs = 100.0
        let preMs = postMs - deltaTMs - Self.delayMs
        let (w, postSpikes) = try Self.finalWeight(Self.config(preTimes: [preMs], postMs: postMs, mu: mu))
        #expect(postSpikes.count == 1 && abs(postSpikes[0] - postMs) < 1e-9, "the kick must make exactly the planned post spike")
        let expected = deltaTMs >= 0
            ? Self.w0 + Self.lambda * exp(-deltaTMs / Self.tauPlus) * pow(1 - Self.w0, mu)
            : Self.w0 - Self.alpha * Self.lambda * exp(deltaTMs / Self.tauMinus) * pow(Self.w0, mu)
        #expect(abs(w - expected) < 1e-6, "Δt = \(deltaTMs) ms, μ = \(mu): got \(w), closed form \(expected)")
    }

    /// Two presynaptic spikes in one step: all-to-all pairing counts both (trace 2), nearest-neighbour only one.
    @Test(arguments: [("all_to_all", 2.0), ("nearest", 1.0)])
    func twoSpikesInOneStepFollowThePairingRule(pairing: String, pairedSpikes: Double) throws {
        let deltaTMs = 7.0, postMs = 100.0
        let preMs = postMs - deltaTMs - Self.delayMs
        let (w, _) = try Self.finalWeight(Self.config(preTimes: [preMs, preMs], postMs: postMs, mu: 0, pairing: pairing))
        let expected = Self.w0 + Self.lambda * pairedSpikes * exp(-deltaTMs / Self.tauPlus)
        #expect(abs(w - expected) < 1e-6, "\(pairing): got \(w), closed form \(expected)")
    }

    @Test func weightsStayWithinTheirHardBounds() throws {
        let json = Self.config(preTimes: Array(stride(from: 10.0, to: 190.0, by: 3.0)), postMs: 100, mu: 0)
            .replacingOccurrences(of: "\"lambda\": \(Self.lambda)", with: "\"lambda\": 5")
            .replacingOccurrences(of: "\"interval_ms\": 200", with: "\"interval_ms\": 0.1")
        let simulation = try InlineConfig.run(json)
        let w = try InlineConfig.recorder("w", of: simulation, as: WeightRecorder.self)
        #expect(w.samples.count == 2000)
        #expect(w.samples.contains(1) && w.samples.contains(0), "λ = 5 must drive the weight into both bounds")
        #expect(w.samples.allSatisfy { (0...1).contains($0) })
    }
}

/// Two synapses from one source to one target with different delays see the same spikes at different times:
/// each pairs by its own Δt = t_post − (t_pre + d) (PairSTDP's closed form, additive).
@Suite struct PerSynapseDelayPairTests {
    @Test func eachSynapsePairsWithItsOwnDelay() throws {
        let lambda = 0.05, tauPlus = 16.8, tauMinus = 33.7, w0 = 0.4, pre = 100.0, post = 103.0
        let delays = [1.0, 2.5, 4.2]
        let json = """
            {"simulation": {"duration_ms": 200, "dt_ms": 0.1, "seed": 3},
             "populations": [
               {"name": "pre", "size": 1, "model": "spike_generator", "params": {"spike_times": [\(pre)]}},
               {"name": "kick", "size": 1, "model": "spike_generator", "params": {"spike_times": [\(post - 0.1)]}},
               {"name": "post", "size": 1, "model": "iaf_psc_delta",
                "params": {"E_L": 0, "V_th": 20, "V_reset": 0, "t_ref": 2}, "initial": {"V_m": 0}}],
             "projections": [
               {"source": "pre", "target": "post",
                "connectivity": {"rule": "explicit", "sources": [0, 0, 0], "targets": [0, 0, 0]},
                "synapse": {"weight": \(w0), "delay_ms": {"array": \(delays)}},
                "plasticity": {"rule": "stdp", "params": {"lambda": \(lambda), "mu_plus": 0, "mu_minus": 0,
                               "tau_plus": \(tauPlus), "tau_minus": \(tauMinus), "w_max": 1}}},
               {"source": "kick", "target": "post", "connectivity": {"rule": "all_to_all"},
                "synapse": {"weight": 100, "delay_ms": 0.1}}],
             "recorders": [{"name": "w", "type": "weights", "projection": 0, "interval_ms": 200}]}
            """
        let simulation = try InlineConfig.run(json)
        let w = try InlineConfig.recorder("w", of: simulation, as: WeightRecorder.self)
        #expect(w.sources == [0, 0, 0] && w.targets == [0, 0, 0])
        // Rows are grouped by delay, ascending: the recorded order is the delays' order here.
        for (k, d) in delays.enumerated() {
            let deltaT = post - (pre + d)
            let expected = deltaT >= 0 ? w0 + lambda * exp(-deltaT / tauPlus) : w0 - lambda * exp(deltaT / tauMinus)
            #expect(abs(w.samples[k] - expected) < 1e-6, "d = \(d) ms: got \(w.samples[k]), closed form \(expected)")
        }
    }
}
