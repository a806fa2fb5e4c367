import Foundation
import Testing
@testable import SwiftSNN

/// `stdp_signed` against its closed form (SignedSTDP's documentation, NALSM_STDP.py's rule): for one pair with
/// Δt = t_post − t_arrival, excitatory synapses change by A₊e^{−Δt/τ₊} (Δt ≥ 0) or −A₋e^{Δt/τ₋} (Δt < 0),
/// inhibitory ones by −A₋e^{−Δt/τ₊} or +A₊e^{Δt/τ₋}.
@Suite struct SignedSTDPTests {
    static let aPlus = 0.021, aMinus = 0.034, tauPlus = 10.0, tauMinus = 14.0

    static func protocolFor(w0: Double, bounds: (Double, Double), aMinus: String = "\(aMinus)") -> SpikePairingProtocol {
        SpikePairingProtocol(rule: "stdp_signed", params: """
            {"Aplus": \(aPlus), "Aminus": \(aMinus), "tau_plus": \(tauPlus), "tau_minus": \(tauMinus),
             "w_min": \(bounds.0), "w_max": \(bounds.1)}
            """, w0: w0)
    }

    @Test(arguments: [-30.0, -4.2, -0.1, 0.0, 0.1, 3.3, 25.0], [true, false])
    func weightChangeOfOnePairMatchesClosedForm(deltaTMs: Double, excitatory: Bool) throws {
        let arrival = 100.0, post = arrival + deltaTMs
        let w0 = excitatory ? 1.5 : -1.5
        let w = try Self.protocolFor(w0: w0, bounds: excitatory ? (0, 3) : (-3, 0))
            .finalWeight(arrivals: [arrival], posts: [post])
        let causal = deltaTMs >= 0
        let change = causal ? exp(-deltaTMs / Self.tauPlus) : exp(deltaTMs / Self.tauMinus)
        let expected = w0 + change * (excitatory ? (causal ? Self.aPlus : -Self.aMinus) : (causal ? -Self.aMinus : Self.aPlus))
        #expect(abs(w - expected) < 1e-6, "Δt = \(deltaTMs), excitatory \(excitatory): got \(w), closed form \(expected)")
    }

    /// NALSM's astrocyte sets A₋: a schedule modulator stands in for it, and each pair's depression follows the
    /// modulator's value at its arrival (× the binding's scale). All-to-all: the far pairs count too.
    @Test func depressionAmplitudeFollowsItsModulator() throws {
        var pairing = Self.protocolFor(w0: 1.5, bounds: (0, 3), aMinus: "{\"modulator\": \"astro\", \"scale\": 0.5}")
        pairing.modulators = #"{"name": "astro", "type": "schedule", "times_ms": [0, 150], "values": [0.04, 0.1]}"#
        let w = try pairing.finalWeight(arrivals: [100, 200], posts: [95, 195])
        let expected = 1.5 - 0.5 * 0.04 * exp(-5 / Self.tauMinus)
            - 0.5 * 0.1 * (exp(-5 / Self.tauMinus) + exp(-105 / Self.tauMinus)) + Self.aPlus * exp(-95 / Self.tauPlus)
        #expect(abs(w - expected) < 1e-6, "got \(w), closed form \(expected)")
    }

    /// Bounds of both signs (NALSM's input → liquid, [−3, 3]): the excitatory form, also for a negative weight.
    @Test(arguments: [-4.2, 3.3])
    func boundsOfBothSignsTakeTheExcitatoryForm(deltaTMs: Double) throws {
        let arrival = 100.0, w0 = -1.5
        let w = try Self.protocolFor(w0: w0, bounds: (-3, 3)).finalWeight(arrivals: [arrival], posts: [arrival + deltaTMs])
        let expected = deltaTMs >= 0 ? w0 + Self.aPlus * exp(-deltaTMs / Self.tauPlus) : w0 - Self.aMinus * exp(deltaTMs / Self.tauMinus)
        #expect(abs(w - expected) < 1e-6, "Δt = \(deltaTMs): got \(w), closed form \(expected)")
    }
}
