import Foundation
import Testing
@testable import SwiftSNN

/// `hebbian` (Oja) and `bcm` against their closed forms for planned spikes. Their rates are trace estimates:
/// a trace that jumps by 1 per spike and decays with τ reads as Σ_spikes e^{−(t − t_s)/τ} · 1000/τ Hz, evaluated
/// here by hand from the spike times (the postsynaptic one just before each postsynaptic spike).
@Suite struct RateBasedRuleTests {
    static func rateHz(at t: Double, spikes: [Double], tauMs: Double) -> Double {
        spikes.filter { $0 <= t }.reduce(0) { $0 + exp(-(t - $1) / tauMs) } * 1000 / tauMs
    }

    /// w ← w + η (x − α y w) at each postsynaptic spike.
    @Test(arguments: [0.0, 1.0])
    func ojaUpdatesMatchClosedForm(alpha: Double) throws {
        let eta = 2e-4, tauX = 40.0, tauY = 25.0, w0 = 0.3
        let arrivals = [100.0, 104.5, 131.0], posts = [110.0, 118.2, 140.0]
        let w = try SpikePairingProtocol(rule: "hebbian", params: """
            {"eta": \(eta), "alpha": \(alpha), "tau_x": \(tauX), "tau_y": \(tauY), "w_min": -1, "w_max": 1}
            """, w0: w0).finalWeight(arrivals: arrivals, posts: posts)
        var expected = w0
        for (k, t) in posts.enumerated() {
            let x = Self.rateHz(at: t, spikes: arrivals, tauMs: tauX)
            let y = Self.rateHz(at: t, spikes: Array(posts[..<k]), tauMs: tauY)
            expected += eta * (x - alpha * y * expected)
        }
        #expect(abs(w - expected) < 1e-6, "α = \(alpha): got \(w), closed form \(expected)")
        #expect(abs(w - w0) > 1e-3, "the protocol must change the weight")
    }

    /// w ← w + η x (y − ȳ²/y_target) at each postsynaptic spike: depression while the fast rate is below the
    /// threshold, potentiation once a burst lifts it above.
    @Test func bcmUpdatesMatchClosedForm() throws {
        let eta = 1e-5, yTarget = 10.0, tauX = 50.0, tauY = 30.0, tauTheta = 200.0, w0 = 0.5
        let arrivals = [100.0, 150.0, 200.0, 250.0], posts = [120.0, 180.0, 205.0, 207.0, 209.0, 211.0, 260.0]
        let w = try SpikePairingProtocol(rule: "bcm", params: """
            {"eta": \(eta), "y_target": \(yTarget), "tau_x": \(tauX), "tau_y": \(tauY), "tau_theta": \(tauTheta), "w_max": 1}
            """, w0: w0).finalWeight(arrivals: arrivals, posts: posts)
        var expected = w0, changes: [Double] = []
        for (k, t) in posts.enumerated() {
            let x = Self.rateHz(at: t, spikes: arrivals, tauMs: tauX)
            let y = Self.rateHz(at: t, spikes: Array(posts[..<k]), tauMs: tauY)
            let slow = Self.rateHz(at: t, spikes: Array(posts[..<k]), tauMs: tauTheta)
            changes.append(eta * x * (y - slow * slow / yTarget))
            expected = min(max(expected + changes.last!, 0), 1)
        }
        #expect(changes.contains { $0 < -1e-5 } && changes.contains { $0 > 1e-5 }, "the protocol must cross the threshold both ways")
        #expect(abs(w - expected) < 1e-6, "got \(w), closed form \(expected)")
    }
}

/// One pair at Δt = t_post − t_arrival from −50 to 50 ms. `hebbian` changes the weight at the postsynaptic spike
/// by η·x with x = 1000/τ_x · e^{−Δt/τ_x} Hz when the arrival came first (y = 0: no earlier postsynaptic spike) and
/// not at all when it came after; `bcm` never changes it (y = ȳ = 0, so φ(y) = 0).
@Suite struct RateBasedPairWindowTests {
    static let eta = 2e-4, tauX = 40.0, w0 = 0.3
    static let deltas = [-50.0, -20.0, -5.0, -0.1, 0.0, 0.1, 5.0, 20.0, 50.0]

    @Test(arguments: deltas)
    func hebbianPairWindow(deltaTMs: Double) throws {
        let w = try SpikePairingProtocol(rule: "hebbian", params: """
            {"eta": \(Self.eta), "alpha": 1, "tau_x": \(Self.tauX), "tau_y": 25, "w_min": -1, "w_max": 1}
            """, w0: Self.w0).finalWeight(arrivals: [100], posts: [100 + deltaTMs])
        let expected = Self.w0 + (deltaTMs >= 0 ? Self.eta * 1000 / Self.tauX * exp(-deltaTMs / Self.tauX) : 0)
        #expect(abs(w - expected) < 1e-6, "Δt = \(deltaTMs): got \(w), closed form \(expected)")
    }

    @Test(arguments: deltas)
    func bcmPairLeavesTheWeight(deltaTMs: Double) throws {
        let w = try SpikePairingProtocol(rule: "bcm", params: #"{"eta": 1e-3, "w_max": 1}"#, w0: Self.w0)
            .finalWeight(arrivals: [100], posts: [100 + deltaTMs])
        #expect(abs(w - Self.w0) < 1e-7)
    }
}
