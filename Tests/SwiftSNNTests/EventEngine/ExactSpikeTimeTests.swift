import Foundation
import Testing
@testable import SwiftSNN

/// Spike times of a single neuron under a constant current against their closed form. With y = V − E_L and
/// R = τ_m/C_m, y(t) = R·I + (y₀ − R·I)·e^{−t/τ_m} between spikes (the synaptic currents of iaf_psc_exp stay zero,
/// so both models share this solution), so from V = E_L the first spike comes at
///     t₁ = τ_m ln(R I / (R I − θ)),   θ = V_th − E_L,
/// and every later one t_ref + τ_m ln((R I − (V_reset − E_L)) / (R I − θ)) after the previous.
@Suite struct ExactSpikeTimeTests {
    static let tauM = 10.0, capacitance = 250.0, restMV = -70.0, thresholdMV = -55.0, resetMV = -65.0
    /// Off the 0.1 ms grid, so a rounded refractory period would show.
    static let refractoryMs = 2.34
    static let currentPA = 400.0

    @Test(arguments: ["iaf_psc_delta", "iaf_psc_exp"])
    func spikeTimesUnderConstantCurrentEqualClosedForm(model: String) throws {
        let synapticTaus = model == "iaf_psc_exp" ? #", "tau_syn_ex": 3, "tau_syn_in": 5"# : ""
        let json = """
            {
              "simulation": {"duration_ms": 100, "dt_ms": 0.1, "engine": "event"},
              "populations": [{"name": "n", "size": 1, "model": "\(model)",
                "params": {"C_m": \(Self.capacitance), "tau_m": \(Self.tauM), "E_L": \(Self.restMV), "V_th": \(Self.thresholdMV),
                           "V_reset": \(Self.resetMV), "t_ref": \(Self.refractoryMs), "I_e": \(Self.currentPA)\(synapticTaus)}}],
              "recorders": [{"name": "spikes", "type": "spikes", "population": "n"}]
            }
            """
        let spikes = try SpikeTrains.of(InlineConfig.run(json), recorder: "spikes", count: 1)[0]
        let drive = Self.tauM / Self.capacitance * Self.currentPA, theta = Self.thresholdMV - Self.restMV
        let first = Self.tauM * log(drive / (drive - theta))
        let interval = Self.refractoryMs + Self.tauM * log((drive - (Self.resetMV - Self.restMV)) / (drive - theta))
        let expected = (0..<Int((100 - first) / interval) + 1).map { first + Double($0) * interval }
        try #require(spikes.count == expected.count, "spikes at \(spikes), expected \(expected)")
        for (t, reference) in zip(spikes, expected) {
            #expect(abs(t - reference) <= 1e-12 * reference, "spike at \(t) ms, closed form \(reference) ms")
        }
    }
}
