import Foundation
import Testing
@testable import SwiftSNN

/// Potentiation deferred to the next presynaptic arrival (`PostSpikeHistory`) gives the weights of the closed form
/// at every sample, also when a neuron fires more often between two arrivals than its history holds (here in the
/// step of an arrival) and when samples force the pending spikes in. Additive all-to-all `stdp` (PairSTDP's documentation): each pair adds
/// (w_max − w_min) λ e^{−Δt/τ₊} if Δt ≥ 0 and subtracts (w_max − w_min) α λ e^{Δt/τ₋} otherwise.
@Suite struct DeferredPotentiationTests {
    @Test func weightsMatchClosedFormWithManyPostSpikesBetweenArrivals() throws {
        let lambda = 0.002, alpha = 0.7, tauPlus = 15.0, tauMinus = 25.0, range = 1.0, w0 = 0.5
        // 3 × depth spikes on the grid within 250 ms, whatever the depth.
        let spacing = (250 / Double(3 * PostSpikeHistory.depth) * 10).rounded(.down) / 10
        let posts = (0..<3 * PostSpikeHistory.depth).map { 104.0 + spacing * Double($0) }
        // The second arrival comes in the step of the spike that finds its neuron's history full.
        let arrivals = [100.0, posts[PostSpikeHistory.depth], 300.0]
        var pairing = SpikePairingProtocol(rule: "stdp", params: """
            {"lambda": \(lambda), "alpha": \(alpha), "mu_plus": 0, "mu_minus": 0, "tau_plus": \(tauPlus),
             "tau_minus": \(tauMinus), "w_max": \(range)}
            """, w0: w0)
        pairing.durationMs = 400
        let samples = try pairing.weights(arrivals: arrivals, posts: posts, intervalMs: 200)
        for (n, w) in samples.enumerated() {
            let t = 200.0 * Double(n + 1)
            var expected = w0
            for a in arrivals where a <= t {
                for p in posts where p <= t {
                    expected += p >= a ? range * lambda * exp(-(p - a) / tauPlus) : -range * alpha * lambda * exp((p - a) / tauMinus)
                }
            }
            #expect(abs(w - expected) < 1e-6, "t = \(t) ms: got \(w), closed form \(expected)")
        }
    }
}
