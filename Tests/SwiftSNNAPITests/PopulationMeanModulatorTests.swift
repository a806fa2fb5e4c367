import Foundation
import SwiftSNN
import Testing

/// A modulator that follows the mean of a state variable over a population, here IP3 of two `astrocyte_lr_1994`
/// cells without input: IP3 relaxes to IP3_0 with τ_IP3, so the mean is IP3_0 + (mean(IP3(0)) − IP3_0)·e^(−t/τ_IP3)
/// (the model's own equation, solved in closed form; the model's RK4 is within (h/τ)⁴/120·t/τ ≈ 4e-10 of it over
/// the run). The value step k uses is the mean after step k − 1.
@Suite struct PopulationMeanModulatorTests {
    static let spec = NetworkSpec(
        simulation: SimulationSpec(durationMs: 50, dtMs: 0.1),
        populations: [PopulationSpec(name: "astro", size: 2, model: "astrocyte_lr_1994", params: ["tau_IP3": 10],
                                     initial: ["IP3": .array([0.5, 1.0])])],
        modulators: [ModulatorSpec(name: "ip3", kind: .populationMean(population: "astro", variable: "IP3"))],
        recorders: [RecorderSpec(name: "m", kind: .modulators(variables: nil, intervalMs: 0.1))])

    @Test func valueIsTheMeanOfThePopulationAfterThePreviousStep() throws {
        var sim = try Simulation(spec: Self.spec)
        try sim.run()
        let values = try sim.samples("m", modulator: "ip3").values
        #expect(values.count == 500)
        for (k, value) in values.enumerated() {
            let expected = 0.16 + (0.75 - 0.16) * exp(-Double(k) * 0.1 / 10)
            #expect(abs(value - expected) <= 1e-9, "step \(k)")
        }
    }

    @Test func roundTripsThroughJSONAndRefusesAnUnknownVariable() throws {
        #expect(try NetworkSpec(json: Self.spec.jsonText) == Self.spec)
        var spec = Self.spec
        spec.modulators[0].kind = .populationMean(population: "astro", variable: "Ca")
        #expect(throws: ConfigError(path: "modulators[0].variable",
                                    problem: "unknown state variable of 'astro'; known: IP3, Ca_astro, h_IP3R, J_noise")) {
            try Simulation(spec: spec)
        }
    }
}
