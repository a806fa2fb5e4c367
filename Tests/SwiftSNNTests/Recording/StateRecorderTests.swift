import Foundation
import Testing
@testable import SwiftSNN

/// The state recorder's file: float64 of shape (samples, neurons, variables), neurons and variables in the order
/// the config lists them, one sample at the end of every interval, the first at t = interval (NEST multimeter).
@Suite struct StateRecorderTests {
    static let restMV = -70.0, tauMs = 10.0, capacitancePF = 250.0, currentPA = 100.0
    static let initialMV = [-70.0, -65.0, -60.0]

    static func json(recorders: String) -> String {
        """
        {
          "simulation": {"duration_ms": 10, "dt_ms": 0.1, "threads": 1},
          "populations": [{"name": "n", "size": 3, "model": "iaf_psc_exp",
                           "params": {"I_e": \(currentPA), "C_m": \(capacitancePF), "tau_m": \(tauMs), "E_L": \(restMV)},
                           "initial": {"V_m": {"array": \(initialMV)}}}],
          "recorders": [\(recorders)]
        }
        """
    }

    /// Closed form for iaf_psc_exp without synaptic input, R·I_e = 4 mV below threshold:
    /// V(t) = E_L + (V0 − E_L)·e^{−t/τ_m} + R·I_e·(1 − e^{−t/τ_m}), R = τ_m/C_m.
    static func membrane(t: Double, from v0: Double) -> Double {
        let decay = exp(-t / tauMs)
        return restMV + (v0 - restMV) * decay + tauMs / capacitancePF * currentPA * (1 - decay)
    }

    @Test func samplesHaveShapeSamplesNeuronsVariablesInConfigOrderStartingAtOneInterval() throws {
        let simulation = try InlineConfig.run(Self.json(recorders: """
            {"name": "vm", "type": "state", "population": "n", "variables": ["I_syn_ex", "V_m"], "neurons": [2, 0], "interval_ms": 0.5}
            """))
        let recorder = try InlineConfig.recorder("vm", of: simulation, as: StateRecorder.self)
        let file = try NpyArray(data: recorder.output(grid: simulation.network.grid))
        #expect(file.shape == [20, 2, 2], "10 ms / 0.5 ms samples × 2 neurons × 2 variables")
        let values = try file.doubles()
        for sample in 0..<20 {
            let t = Double(sample + 1) * 0.5
            for (slot, neuron) in [2, 0].enumerated() {
                let base = (sample * 2 + slot) * 2
                #expect(values[base] == 0, "I_syn_ex without input")
                let v = Self.membrane(t: t, from: Self.initialMV[neuron])
                #expect(abs(values[base + 1] - v) < 1e-10, "neuron \(neuron) at \(t) ms: \(values[base + 1]), expected \(v)")
            }
        }
    }

    @Test func omittedNeuronsAndIntervalMeanEveryNeuronEveryMillisecond() throws {
        let simulation = try InlineConfig.run(Self.json(recorders: """
            {"name": "vm", "type": "state", "population": "n", "variables": ["V_m"]}
            """))
        let recorder = try InlineConfig.recorder("vm", of: simulation, as: StateRecorder.self)
        let file = try NpyArray(data: recorder.output(grid: simulation.network.grid))
        #expect(file.shape == [10, 3, 1])
        let values = try file.doubles()
        for sample in 0..<10 {
            for neuron in 0..<3 {
                let v = Self.membrane(t: Double(sample + 1), from: Self.initialMV[neuron])
                #expect(abs(values[sample * 3 + neuron] - v) < 1e-10)
            }
        }
    }

    /// Found by the spec's own checks, when the config is read.
    @Test func intervalThatIsNotAMultipleOfDtIsRejectedWithItsPath() throws {
        let error = try #require(throws: ConfigError.self) {
            try InlineConfig.config(Self.json(recorders: """
                {"name": "vm", "type": "state", "population": "n", "variables": ["V_m"], "interval_ms": 0.25}
                """))
        }
        #expect(error.path == "recorders[0].interval_ms")
    }
}
