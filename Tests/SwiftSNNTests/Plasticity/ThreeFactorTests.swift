import Foundation
import Testing
@testable import SwiftSNN

/// `three_factor` against the closed form of its equations (ThreeFactor's documentation; Izhikevich 2007, NEST
/// stdp_dopamine_synapse): a pair leaves eligibility e₀ = A₊e^{−Δt/τ₊} (causal, at the postsynaptic spike t_p) or
/// −A₋e^{Δt/τ₋} (anti-causal, at the arrival), which decays with τ_e; M held at M₁ from t₁ to t₂ then gives
/// Δw = η (M₁ − b) e₀ τ_e (e^{−(t₁−t_p)/τ_e} − e^{−(t₂−t_p)/τ_e}).
@Suite struct ThreeFactorTests {
    static let eta = 0.002, tauE = 300.0, aPlus = 1.3, aMinus = 1.7, tauPlus = 20.0, tauMinus = 25.0, b = 0.25

    static func pairing(modulation: String, modulators: String, populations: String = "") -> SpikePairingProtocol {
        var p = SpikePairingProtocol(rule: "three_factor", params: """
            {"eta": \(eta), "tau_e": \(tauE), "Aplus": \(aPlus), "Aminus": \(aMinus), "tau_plus": \(tauPlus),
             "tau_minus": \(tauMinus), "b": \(b), "modulation": \(modulation), "w_min": -10, "w_max": 10}
            """, w0: 0.5)
        p.durationMs = 1000
        p.modulators = modulators
        p.populations = populations
        return p
    }

    @Test(arguments: [-50.0, -20.0, -5.0, -0.1, 0.0, 0.1, 5.0, 20.0, 50.0])
    func rewardWindowTurnsEligibilityIntoWeightChange(deltaTMs: Double) throws {
        let arrival = 100.0, post = arrival + deltaTMs, m1 = 1.5, on = 300.0, off = 650.0
        let w = try Self.pairing(modulation: "{\"modulator\": \"reward\"}", modulators: """
            {"name": "reward", "type": "schedule", "times_ms": [\(on), \(off)], "values": [\(m1), \(Self.b)], "initial": \(Self.b)}
            """).finalWeight(arrivals: [arrival], posts: [post])
        let (e0, tp) = deltaTMs >= 0 ? (Self.aPlus * exp(-deltaTMs / Self.tauPlus), post)
                                     : (-Self.aMinus * exp(deltaTMs / Self.tauMinus), arrival)
        let expected = 0.5 + Self.eta * (m1 - Self.b) * e0 * Self.tauE * (exp(-(on - tp) / Self.tauE) - exp(-(off - tp) / Self.tauE))
        #expect(abs(w - expected) < 1e-6, "Δt = \(deltaTMs): got \(w), closed form \(expected)")
        #expect(abs(w - 0.5) > 1e-2, "the reward must change the weight")
    }

    /// Without the third factor (M = b throughout) eligibility alone never changes the weight.
    @Test func noModulationNoChange() throws {
        let w = try Self.pairing(modulation: "\(Self.b)", modulators: "").finalWeight(arrivals: [100, 300], posts: [105, 290])
        #expect(w == 0.5)
    }

    /// Dopamine as a volume transmitter (NEST's n: decays with τ_n, + increment per spike of the dopamine
    /// population; counted from the step after the spike). With M_k held over step k, the weight change is the
    /// sum over steps of η (M_k − b) e_k τ_e (1 − e^{−dt/τ_e}): two geometric series, summed here in closed form.
    @Test func dopamineSpikeAfterThePairRewardsIt() throws {
        let arrival = 100.0, post = 110.0, dopamine = 400.0, tauN = 200.0, increment = 0.8, dt = 0.1
        let w = try Self.pairing(modulation: "{\"modulator\": \"dopamine\"}", modulators: """
            {"name": "dopamine", "type": "volume_transmitter", "population": "DA", "tau_ms": \(tauN), "increment": \(increment)}
            """, populations: """
            {"name": "DA", "size": 1, "model": "spike_generator", "params": {"spike_times": [\(dopamine)]}}
            """).finalWeight(arrivals: [arrival], posts: [post])
        let e0 = Self.aPlus * exp(-(post - arrival) / Self.tauPlus)
        let de = exp(-dt / Self.tauE), dn = exp(-dt / tauN), gain = Self.eta * Self.tauE * (1 - de)
        // Steps are k = t/dt − 1 for an event at t; eligibility e_k = e₀ de^{k − kp − 1} for k > kp, and
        // M_k = increment dn^{k − kd − 1} for k > kd (b is subtracted throughout, also before the dopamine).
        let kp = Int((post / dt).rounded()) - 1, kd = Int((dopamine / dt).rounded()) - 1, end = Int((1000 / dt).rounded())
        let steps = Double(end - kp - 1)
        let baselinePart = -Self.b * gain * e0 * (1 - pow(de, steps)) / (1 - de)
        let dopaminePart = increment * gain * e0 * pow(de, Double(kd - kp)) * (1 - pow(de * dn, Double(end - kd - 1))) / (1 - de * dn)
        let expected = 0.5 + baselinePart + dopaminePart
        #expect(abs(w - expected) < 1e-6, "got \(w), closed form \(expected)")
        #expect(dopaminePart > 1e-2, "the dopamine must matter")
    }
}
