import Foundation
import Testing
@testable import SwiftSNN

/// `stdp_triplet` against the closed form of Pfister & Gerstner 2006's rule (TripletSTDP's documentation) for
/// protocols whose traces can be written down by hand (`SpikePairingProtocol`).
@Suite struct TripletSTDPTests {
    static let a2p = 0.011, a3p = 0.023, a2m = 0.017, a3m = 0.013
    static let tauPlus = 16.8, tauX = 101.0, tauMinus = 33.7, tauY = 125.0, w0 = 0.5

    /// Final weight for presynaptic arrivals at `arrivals` and postsynaptic spikes at `posts` (ms).
    static func finalWeight(arrivals: [Double], posts: [Double]) throws -> Double {
        let params = """
            {"Aplus": \(a2p), "Aplus_triplet": \(a3p), "Aminus": \(a2m), "Aminus_triplet": \(a3m),
             "tau_plus": \(tauPlus), "tau_plus_triplet": \(tauX), "tau_minus": \(tauMinus),
             "tau_minus_triplet": \(tauY), "w_max": 1}
            """
        return try SpikePairingProtocol(rule: "stdp_triplet", params: params, w0: w0).finalWeight(arrivals: arrivals, posts: posts)
    }

    /// Pre, then two posts: Δw = e^{−(t₁−tₐ)/τ₊}A₂₊ + e^{−(t₂−tₐ)/τ₊}(A₂₊ + A₃₊ e^{−(t₂−t₁)/τ_y}).
    @Test(arguments: [(5.0, 10.0), (0.0, 3.0), (12.3, 40.0)])
    func prePostPostTripletMatchesClosedForm(firstPostAfterMs: Double, secondPostAfterMs: Double) throws {
        let ta = 100.0, t1 = ta + firstPostAfterMs, t2 = ta + secondPostAfterMs
        let expected = Self.w0 + exp(-(t1 - ta) / Self.tauPlus) * Self.a2p
            + exp(-(t2 - ta) / Self.tauPlus) * (Self.a2p + Self.a3p * exp(-(t2 - t1) / Self.tauY))
        let w = try Self.finalWeight(arrivals: [ta], posts: [t1, t2])
        #expect(abs(w - expected) < 1e-6, "got \(w), closed form \(expected)")
    }

    /// Post, then two pre arrivals: Δw = −e^{−(a₁−t₀)/τ₋}A₂₋ − e^{−(a₂−t₀)/τ₋}(A₂₋ + A₃₋ e^{−(a₂−a₁)/τ_x}).
    @Test(arguments: [(4.0, 9.0), (0.1, 25.0)])
    func postPrePreTripletMatchesClosedForm(firstArrivalAfterMs: Double, secondArrivalAfterMs: Double) throws {
        let t0 = 100.0, a1 = t0 + firstArrivalAfterMs, a2 = t0 + secondArrivalAfterMs
        let expected = Self.w0 - exp(-(a1 - t0) / Self.tauMinus) * Self.a2m
            - exp(-(a2 - t0) / Self.tauMinus) * (Self.a2m + Self.a3m * exp(-(a2 - a1) / Self.tauX))
        let w = try Self.finalWeight(arrivals: [a1, a2], posts: [t0])
        #expect(abs(w - expected) < 1e-6, "got \(w), closed form \(expected)")
    }
}

/// One pair at Δt = t_post − t_arrival from −50 to 50 ms: with no earlier spikes the triplet terms vanish
/// (r₂ = o₂ = 0), leaving Pfister & Gerstner's pair window Δw = A₂₊e^{−Δt/τ₊} (Δt ≥ 0) or −A₂₋e^{Δt/τ₋}.
@Suite struct TripletPairWindowTests {
    @Test(arguments: [-50.0, -20.0, -5.0, -0.1, 0.0, 0.1, 5.0, 20.0, 50.0])
    func onePairFollowsThePairWindow(deltaTMs: Double) throws {
        let t = TripletSTDPTests.self, arrival = 100.0
        let w = try t.finalWeight(arrivals: [arrival], posts: [arrival + deltaTMs])
        let expected = t.w0 + (deltaTMs >= 0 ? t.a2p * exp(-deltaTMs / t.tauPlus) : -t.a2m * exp(deltaTMs / t.tauMinus))
        #expect(abs(w - expected) < 1e-6, "Δt = \(deltaTMs): got \(w), closed form \(expected)")
    }
}
