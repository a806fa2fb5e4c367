import Foundation
import Testing
@testable import SwiftSNN

/// Plasticity in the event-driven engine sees exact spike times: a pair at any real Δt = t_post − t_arrival changes
/// an `stdp` synapse by its closed form (PairSTDP's documentation: Δŵ = λ e^{−Δt/τ₊}(1 − ŵ)^μ₊ for Δt ≥ 0,
/// −αλ e^{Δt/τ₋} ŵ^μ₋ for Δt < 0), with no rounding of the times to a grid.
@Suite struct EventEnginePlasticityTests {
    static let lambda = 0.05, alpha = 1.1, tauPlus = 16.8, tauMinus = 33.7, w0 = 0.4

    static func pairing(mu: Double, engine: String = "event") -> SpikePairingProtocol {
        var p = SpikePairingProtocol(rule: "stdp", params: """
            {"lambda": \(lambda), "alpha": \(alpha), "mu_plus": \(mu), "mu_minus": \(mu), "w_max": 1,
             "tau_plus": \(tauPlus), "tau_minus": \(tauMinus)}
            """, w0: w0)
        p.engine = engine
        return p
    }

    @Test(arguments: [-37.123, -0.0421, 0.0, 0.0137, 2.71828, 41.5], [0.0, 1.0])
    func pairAtAnyRealIntervalMatchesClosedForm(deltaTMs: Double, mu: Double) throws {
        let arrival = 100.0 + 1 / 3, post = arrival + deltaTMs
        let w = try Self.pairing(mu: mu).finalWeight(arrivals: [arrival], posts: [post])
        let expected = deltaTMs >= 0
            ? Self.w0 + Self.lambda * exp(-deltaTMs / Self.tauPlus) * pow(1 - Self.w0, mu)
            : Self.w0 - Self.alpha * Self.lambda * exp(deltaTMs / Self.tauMinus) * pow(Self.w0, mu)
        #expect(abs(w - expected) < 1e-6, "Δt = \(deltaTMs) ms, μ = \(mu): got \(w), closed form \(expected)")
    }

    /// Several spikes on both sides, all-to-all additive: the weight is w₀ plus the sum over all pairs, and the
    /// weight recorder sees it after every step of dt it samples at.
    @Test func trainsOfSpikesSumOverAllPairs() throws {
        let arrivals = [50.25, 61.001, 90.7], posts = [55.5, 70.123, 90.7, 120.01]
        let w = try Self.pairing(mu: 0).weights(arrivals: arrivals, posts: posts, intervalMs: 100)
        func expected(until t: Double) -> Double {
            var w = Self.w0
            for a in arrivals where a <= t {
                for p in posts where p <= t {
                    w += p >= a ? Self.lambda * exp(-(p - a) / Self.tauPlus) : -Self.alpha * Self.lambda * exp((p - a) / Self.tauMinus)
                }
            }
            return w
        }
        #expect(w.count == 4)
        for (n, sample) in w.enumerated() {
            #expect(abs(sample - expected(until: 100 * Double(n + 1))) < 1e-6, "sample \(n)")
        }
    }

    @Test func rulesUpdatedEveryStepAreRefused() throws {
        var pairing = SpikePairingProtocol(rule: "three_factor", params: "{}", w0: 0.5)
        pairing.engine = "event"
        #expect(throws: ConfigError(path: "projections[0].plasticity", problem: "three_factor updates synapses at every time step; use \"engine\": \"clock\"")) {
            _ = try Simulation(spec: InlineConfig.config(pairing.json(arrivals: [10], posts: [20])))
        }
    }
}
