import Foundation
import Testing
@testable import SwiftSNN

/// Rule parameters bound to schedules and modulators (`ParameterBinding`), checked on `stdp` pairs whose closed
/// form is in STDPPairProtocolTests: Δw = λ e^{−Δt/τ₊} for an additive causal pair.
@Suite struct ParameterBindingTests {
    static let tauPlus = 20.0

    static func stdp(lambda: String, wMax: String = "10") -> SpikePairingProtocol {
        SpikePairingProtocol(rule: "stdp", params: """
            {"lambda": \(lambda), "mu_plus": 0, "mu_minus": 0, "tau_plus": \(tauPlus), "w_max": \(wMax)}
            """, w0: 1)
    }

    /// λ × 0.5 every 10 ms: pairs at 105 ms and 231 ms see λ₀·0.5^10 and λ₀·0.5^23 (the post spike's step decides).
    @Test func multiplicativeScheduleScalesTheLearningRate() throws {
        let w = try Self.stdp(lambda: #"{"initial": 2, "factor": 0.5, "every_ms": 10}"#)
            .finalWeight(arrivals: [100, 226], posts: [105, 231])
        // λ acts on the normalised weight (w_max 10): Δw = 10 λ e^{−5/τ₊}.
        let expected = 1 + 10 * exp(-5 / Self.tauPlus) * (2 * pow(0.5, 10) + 2 * pow(0.5, 23))
        #expect(abs(w - expected) < 1e-6, "got \(w), closed form \(expected)")
    }

    /// An external modulator set from Swift between runs: the first pair sees 0.01, the second 0.03.
    @Test func externalModulatorSetFromCodeBetweenRuns() throws {
        var pairing = Self.stdp(lambda: #"{"modulator": "gain"}"#)
        pairing.modulators = #"{"name": "gain", "type": "external", "initial": 0.01}"#
        pairing.durationMs = 250
        var simulation = try Simulation(spec: InlineConfig.config(pairing.json(arrivals: [100, 200], posts: [105, 205])))
        try simulation.run(durationMs: 150)
        try simulation.setModulator("gain", to: 0.03)
        try simulation.run(durationMs: 100)
        let w = try InlineConfig.recorder("w", of: simulation, as: WeightRecorder.self).samples.last!
        // All-to-all: the far causal pair (100 → 205) and anti-causal one (200 after 105, τ₋ = 20 ms) count too.
        let expected = 1 + 10 * (exp(-5 / Self.tauPlus) * (0.01 + 0.03) + 0.03 * exp(-105 / Self.tauPlus) - 0.03 * exp(-95 / 20.0))
        #expect(abs(w - expected) < 1e-6, "got \(w), closed form \(expected)")
        #expect(throws: SNNError.self) { try simulation.setModulator("nope", to: 1) }
    }

    @Test func scheduleModulatorCannotBeSetFromCode() throws {
        var pairing = Self.stdp(lambda: #"{"modulator": "gain"}"#)
        pairing.modulators = #"{"name": "gain", "type": "schedule", "times_ms": [0], "values": [0.01]}"#
        var simulation = try Simulation(spec: InlineConfig.config(pairing.json(arrivals: [100], posts: [105])))
        #expect(throws: SNNError("modulator 'gain' follows its schedule and cannot be set from code; use an external modulator")) {
            try simulation.setModulator("gain", to: 1)
        }
    }

    @Test func weightBoundsCannotFollowAModulator() throws {
        var pairing = Self.stdp(lambda: "0.01", wMax: #"{"modulator": "gain"}"#)
        pairing.modulators = #"{"name": "gain", "type": "external", "initial": 5}"#
        #expect(throws: ConfigError(path: "projections[0].plasticity.params.w_max", problem: "w_max cannot follow a modulator or schedule: the weight bounds and trace time constants it sets are fixed for a run")) {
            _ = try Simulation(spec: InlineConfig.config(pairing.json(arrivals: [100], posts: [105])))
        }
    }

    @Test func unknownModulatorIsAConfigError() throws {
        let pairing = Self.stdp(lambda: #"{"modulator": "dopamine"}"#)
        #expect(throws: ConfigError(path: "projections[0].plasticity.params.lambda.modulator", problem: "unknown modulator 'dopamine'; known: none (add \"modulators\" to the config)")) {
            _ = try Simulation(spec: InlineConfig.config(pairing.json(arrivals: [100], posts: [105])))
        }
    }
}
