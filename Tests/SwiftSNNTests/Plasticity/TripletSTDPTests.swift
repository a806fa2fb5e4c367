import Foundation
import Testing
@testable import SwiftSNN

/// `stdp_triplet` against the closed form of Pfister & Gerstner 2006's rule (TripletSTDP's documentation) for
/// protocols whose traces can be written down by hand. Presynaptic arrivals come from a spike generator through a
/// 1 ms delay; postsynaptic spikes are forced by 100 mV kicks; the plastic weight is too small to matter.
@Suite struct TripletSTDPTests {
    static let a2p = 0.011, a3p = 0.023, a2m = 0.017, a3m = 0.013
    static let tauPlus = 16.8, tauX = 101.0, tauMinus = 33.7, tauY = 125.0, w0 = 0.5, delayMs = 1.0

    /// Final weight for presynaptic arrivals at `arrivals` and postsynaptic spikes at `posts` (ms).
    static func finalWeight(arrivals: [Double], posts: [Double]) throws -> Double {
        let json = """
            {"simulation": {"duration_ms": 400, "dt_ms": 0.1, "seed": 1},
             "populations": [
               {"name": "pre", "size": 1, "model": "spike_generator", "params": {"spike_times": \(arrivals.map { $0 - delayMs })}},
               {"name": "kick", "size": 1, "model": "spike_generator", "params": {"spike_times": \(posts.map { $0 - 0.1 })}},
               {"name": "post", "size": 1, "model": "iaf_psc_delta",
                "params": {"E_L": 0, "V_th": 20, "V_reset": 0, "t_ref": 0.1}, "initial": {"V_m": 0}}],
             "projections": [
               {"source": "pre", "target": "post", "connectivity": {"rule": "all_to_all"},
                "synapse": {"weight": \(w0), "delay_ms": \(delayMs)},
                "plasticity": {"rule": "stdp_triplet", "params": {
                  "Aplus": \(a2p), "Aplus_triplet": \(a3p), "Aminus": \(a2m), "Aminus_triplet": \(a3m),
                  "tau_plus": \(tauPlus), "tau_plus_triplet": \(tauX), "tau_minus": \(tauMinus),
                  "tau_minus_triplet": \(tauY), "w_max": 1}}},
               {"source": "kick", "target": "post", "connectivity": {"rule": "all_to_all"},
                "synapse": {"weight": 100, "delay_ms": 0.1}}],
             "recorders": [{"name": "w", "type": "weights", "projection": 0, "interval_ms": 400},
                           {"name": "s", "type": "spikes", "population": "post"}]}
            """
        let simulation = try InlineConfig.run(json)
        let fired = try InlineConfig.recorder("s", of: simulation, as: SpikeRecorder.self).times(grid: simulation.network.grid)
        #expect(zip(fired, posts).allSatisfy { abs($0 - $1) < 1e-9 } && fired.count == posts.count, "kicks must fire as planned")
        return try InlineConfig.recorder("w", of: simulation, as: WeightRecorder.self).samples.last!
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
