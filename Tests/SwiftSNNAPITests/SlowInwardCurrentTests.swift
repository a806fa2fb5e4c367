import Foundation
import SwiftSNN
import Testing

/// An astrocyte's slow inward current (SIC) into neurons, `"synapse": {"type": "sic"}`. The astrocyte's calcium is
/// held constant (no release, leak or pump: rate_IP3R = rate_L = rate_SERCA = 0), so the SIC is the constant
/// S = SIC_scale·ln((Ca − SIC_th)·1000) (Nadkarni & Jung 2003, NEST astrocyte_lr_1994), and the target sees a
/// constant current w·S from the step after it arrives. Reference: the closed-form response of a leaky membrane
/// to a current step, V − E_L = R·I·(1 − e^(−t/τ)), with R = τ_m/C_m, τ = τ_m for iaf_psc_exp and R = 1/g_L,
/// τ = C_m/g_L for iaf_cond_exp.
@Suite struct SlowInwardCurrentTests {
    static let dtMs = 0.1, delaySteps = 10, weight = 10.0

    static func spec(target: PopulationSpec, calcium: Double, engine: EngineKind? = nil) -> NetworkSpec {
        NetworkSpec(simulation: SimulationSpec(durationMs: 100, dtMs: dtMs, engine: engine),
                    populations: [PopulationSpec(name: "astro", size: 1, model: "astrocyte_lr_1994",
                                                 params: ["rate_IP3R": 0, "rate_L": 0, "rate_SERCA": 0],
                                                 initial: ["Ca_astro": .constant(calcium)]),
                                  target],
                    projections: [ProjectionSpec(source: "astro", target: "n", connectivity: .allToAll,
                                                 weight: .constant(weight), delayMs: .constant(Double(delaySteps) * dtMs),
                                                 synapseType: .sic)],
                    recorders: [.state("vm", of: "n", variables: ["V_m"], intervalMs: dtMs)])
    }

    /// V_m after each step.
    static func trace(_ spec: NetworkSpec) throws -> [Double] {
        var sim = try Simulation(spec: spec)
        try sim.run()
        return try sim.samples("vm", variable: "V_m").values.map { $0[0] }
    }

    /// The astrocyte's value after step 0 reaches the target's ring slot `delaySteps` later, which the target takes
    /// as generator current: it acts from the step after, so after step j it has acted for j − delaySteps steps.
    static func expectStepResponse(_ v: [Double], restingMV: Double, resistance: Double, tauMs: Double, tolerance: Double) {
        let current = weight * log((0.3 - 0.19669) * 1000)
        for (j, vm) in v.enumerated() {
            let acted = Double(max(0, j - delaySteps)) * dtMs
            let expected = restingMV + resistance * current * (1 - exp(-acted / tauMs))
            #expect(abs(vm - expected) <= tolerance, "after step \(j)")
        }
    }

    @Test func sicDepolarisesAnIafPscExpNeuronAsTheClosedFormSays() throws {
        let v = try Self.trace(Self.spec(target: PopulationSpec(name: "n", size: 1, IafPscExp.Parameters()), calcium: 0.3))
        Self.expectStepResponse(v, restingMV: -70, resistance: 10.0 / 250, tauMs: 10, tolerance: 1e-10)
    }

    @Test func sicDepolarisesAnIafCondExpNeuronAsTheClosedFormSays() throws {
        let v = try Self.trace(Self.spec(target: PopulationSpec(name: "n", size: 1, IafCondExp.Parameters()), calcium: 0.3))
        let gL = IafCondExp.Parameters().values["g_L"]!
        // RK4's error for τ = 15 ms at dt = 0.1 ms is ~1e-11 of the deflection.
        Self.expectStepResponse(v, restingMV: -70, resistance: 1 / gL, tauMs: 250 / gL, tolerance: 1e-9)
    }

    @Test func calciumBelowThresholdSendsNoCurrent() throws {
        let v = try Self.trace(Self.spec(target: PopulationSpec(name: "n", size: 1, IafPscDelta.Parameters()), calcium: 0.19))
        #expect(v.allSatisfy { $0 == -70 })
    }

    @Test func sicNeedsAnAstrocyteSourceAndRoundTripsThroughJSON() throws {
        var spec = Self.spec(target: PopulationSpec(name: "n", size: 1, IafPscDelta.Parameters()), calcium: 0.3)
        spec.populations[0] = PopulationSpec(name: "astro", size: 1, IafPscExp.Parameters())
        let error = #expect(throws: ConfigError.self) { try Simulation(spec: spec) }
        #expect(error?.path == "projections[0].synapse.type")
        #expect(error?.problem.contains("'astro' (iaf_psc_exp) sends none") == true)
        let json = try NetworkSpec(json: Self.spec(target: PopulationSpec(name: "n", size: 1, IafPscDelta.Parameters()),
                                                   calcium: 0.3).jsonText)
        #expect(json.projections[0].synapseType == .sic)
    }
}
