import Foundation
import Testing
@testable import SwiftSNN

/// A modulator recorder samples the value each step used. Reference: the volume transmitter's definition
/// (Modulator.swift; NEST's dopamine trace): M relaxes to its baseline with τ and jumps by `increment` per spike,
/// counted from the step after the spike, so a spike at t_s shows as baseline + increment·e^{−(t − t_s − dt)/τ}
/// in the sample at t ≥ t_s + dt, and as the baseline before.
@Suite struct ModulatorRecorderTests {
    static func config(engine: String, modulators: String, recorder: String) -> String {
        """
        {"simulation": {"duration_ms": 60, "dt_ms": 0.1, "seed": 1, "engine": "\(engine)"},
         "populations": [{"name": "DA", "size": 1, "model": "spike_generator", "params": {"spike_times": [10.0]}}],
         "modulators": [\(modulators)],
         "recorders": [\(recorder)]}
        """
    }

    @Test(arguments: ["clock", "event"])
    func volumeTransmitterTraceIsRecordedAsItsClosedForm(engine: String) throws {
        let baseline = 0.2, increment = 0.5, tau = 50.0, spike = 10.0, dt = 0.1
        let json = Self.config(engine: engine, modulators: """
            {"name": "da", "type": "volume_transmitter", "population": "DA", "tau_ms": \(tau), "increment": \(increment),
             "baseline": \(baseline)}
            """, recorder: #"{"name": "m", "type": "modulators", "interval_ms": 0.1}"#)
        let recorder = try InlineConfig.recorder("m", of: InlineConfig.run(json), as: ModulatorRecorder.self)
        #expect(recorder.samples.count == 600)
        for (k, value) in recorder.samples.enumerated() {
            let t = Double(k + 1) * dt
            let expected = t < spike + dt - 1e-9 ? baseline : baseline + increment * exp(-(t - spike - dt) / tau)
            #expect(abs(value - expected) < 1e-12, "\(engine), t = \(t): \(value), closed form \(expected)")
        }
    }

    @Test func selectedModulatorsInTheirListedOrder() throws {
        let json = Self.config(engine: "clock", modulators: """
            {"name": "a", "type": "external", "initial": 3},
            {"name": "b", "type": "schedule", "times_ms": [0, 20.05], "values": [1, 2]}
            """, recorder: #"{"name": "m", "type": "modulators", "variables": ["b", "a"], "interval_ms": 10}"#)
        let recorder = try InlineConfig.recorder("m", of: InlineConfig.run(json), as: ModulatorRecorder.self)
        // Samples at 10, 20, ..., 60 ms; b switches at the step starting at 20.1 ms (20.05 ms rounds to step 201).
        #expect(recorder.samples == [1, 3, 1, 3, 2, 3, 2, 3, 2, 3, 2, 3])
    }

    @Test func recordingModulatorsNeedsModulators() throws {
        let json = Self.config(engine: "clock", modulators: "", recorder: #"{"name": "m", "type": "modulators"}"#)
        #expect(throws: ConfigError(path: "recorders[0].type", problem: "the config has no modulators to record")) {
            _ = try Simulation(spec: InlineConfig.config(json))
        }
    }

    @Test func unknownModulatorNameIsAConfigError() throws {
        let json = Self.config(engine: "clock", modulators: #"{"name": "a", "type": "external"}"#,
                               recorder: #"{"name": "m", "type": "modulators", "variables": ["dopamine"]}"#)
        #expect(throws: ConfigError(path: "recorders[0].variables[0]", problem: "unknown modulator 'dopamine'; known: a")) {
            _ = try Simulation(spec: InlineConfig.config(json))
        }
    }
}
