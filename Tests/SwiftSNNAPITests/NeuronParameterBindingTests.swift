import Foundation
import SwiftSNN
import Testing

/// Neuron parameters that follow a schedule or a modulator during a run. Expected intervals are the closed form of
/// `iaf_psc_delta` under a constant current (E_L = V_reset = 0): after the refractory period t_ref the membrane
/// rises as V(t) = R·I·(1 − e^(−t/τ_m)), R = τ_m/C_m, so it reaches θ after τ_m·ln(R·I / (R·I − θ)) and the
/// interspike interval is t_ref + τ_m·ln(R·I / (R·I − θ)); on the 0.1 ms grid a crossing is seen at the next step.
@Suite struct NeuronParameterBindingTests {
    static let dtMs = 0.1

    /// One `iaf_psc_delta` neuron (τ_m 10 ms, C_m 250 pF, θ 15 mV above rest, t_ref 2 ms) with `I_e` as given.
    static func neuron(current: ParameterValue, durationMs: Double, modulators: [ModulatorSpec] = [],
                       engine: EngineKind? = nil) -> NetworkSpec {
        var params = IafPscDelta.Parameters(capacitancePF: 250, tauMembraneMs: 10, restingMV: 0, thresholdMV: 15,
                                            resetMV: 0, refractoryMs: 2, constantCurrentPA: 0).values
            .mapValues(ParameterValue.number)
        params["I_e"] = current
        return NetworkSpec(simulation: SimulationSpec(durationMs: durationMs, dtMs: dtMs, engine: engine),
                           populations: [PopulationSpec(name: "n", size: 1, model: "iaf_psc_delta", params: params,
                                                        initial: ["V_m": 0])],
                           modulators: modulators,
                           recorders: [.spikes("spikes", of: "n")])
    }

    static func analyticInterval(currentPA: Double) -> Double {
        let drive = 10.0 / 250 * currentPA
        return 2 + 10 * log(drive / (drive - 15))
    }

    /// Interspike intervals whose both spikes lie in [fromMs, toMs).
    static func intervals(_ times: [Double], from fromMs: Double, to toMs: Double) -> [Double] {
        let inside = times.filter { $0 >= fromMs && $0 < toMs }
        return zip(inside.dropFirst(), inside).map { $0 - $1 }
    }

    @Test func currentFollowingAScheduleChangesTheIntervalAsTheClosedFormSays() throws {
        // I_e = 1000 pA × 0.75^⌊t / 200 ms⌋: 1000, 750 and 562.5 pA in three windows of 200 ms.
        var sim = try Simulation(spec: Self.neuron(current: .bound(.schedule(initial: 1000, factor: 0.75, everyMs: 200)),
                                                   durationMs: 600))
        try sim.run()
        let times = try sim.spikes("spikes").timesMs
        for (window, current) in [1000.0, 750, 562.5].enumerated() {
            // The first interval after a switch started under the previous current.
            let isis = Self.intervals(times, from: Double(window) * 200 + 20, to: Double(window + 1) * 200)
            #expect(isis.count >= 8)
            let expected = Self.analyticInterval(currentPA: current)
            for isi in isis { #expect(isi >= expected - 1e-9 && isi <= expected + Self.dtMs + 1e-9, "I_e \(current) pA") }
        }
    }

    @Test func currentFollowingAnExternalModulatorTakesItsValueTimesScale() throws {
        let modulator = ModulatorSpec(name: "drive", kind: .external, initial: 20)
        var sim = try Simulation(spec: Self.neuron(current: .bound(.modulator(name: "drive", scale: 50)), durationMs: 200,
                                                   modulators: [modulator]))
        try sim.run(durationMs: 200)
        try sim.setModulator("drive", to: 15)
        try sim.run(durationMs: 200)
        let times = try sim.spikes("spikes").timesMs
        for (window, current) in [1000.0, 750].enumerated() {
            let isis = Self.intervals(times, from: Double(window) * 200 + 20, to: Double(window + 1) * 200)
            #expect(isis.count >= 8)
            let expected = Self.analyticInterval(currentPA: current)
            for isi in isis { #expect(isi >= expected - 1e-9 && isi <= expected + Self.dtMs + 1e-9, "I_e \(current) pA") }
        }
    }

    @Test func aValueOutOfRangeDuringTheRunStopsItNamingTheParameter() throws {
        var params = IafPscDelta.Parameters().values.mapValues(ParameterValue.number)
        params["C_m"] = .bound(.modulator(name: "c", scale: nil))
        let spec = NetworkSpec(simulation: SimulationSpec(durationMs: 10),
                               populations: [PopulationSpec(name: "n", size: 1, model: "iaf_psc_delta", params: params)],
                               modulators: [ModulatorSpec(name: "c", kind: .external, initial: 250)])
        var sim = try Simulation(spec: spec)
        try sim.run(durationMs: 1)
        try sim.setModulator("c", to: -1)
        let error = #expect(throws: SNNError.self) { try sim.run(durationMs: 1) }
        #expect(error?.description.hasPrefix("C_m of 'n' at 1 ms, following modulator 'c':") == true)
    }

    @Test func theEventEngineRefusesBoundNeuronParameters() throws {
        let spec = Self.neuron(current: .bound(.schedule(initial: 1000, factor: 0.75, everyMs: 200)), durationMs: 10,
                               engine: .event)
        let error = #expect(throws: ConfigError.self) { try Simulation(spec: spec) }
        #expect(error?.path == "populations[0].params.I_e")
        #expect(error?.problem.contains("only in the clock engine") == true)
    }

    @Test func anInputsParametersCannotBeBound() throws {
        let spec = NetworkSpec(simulation: SimulationSpec(durationMs: 10),
                               populations: [PopulationSpec(name: "p", size: 1, model: "poisson_generator",
                                                            params: ["rate": .bound(.schedule(initial: 10, factor: 2, everyMs: 1))])])
        let error = #expect(throws: ConfigError.self) { try Simulation(spec: spec) }
        #expect(error?.description == "populations[0].params.rate: poisson_generator is an input; its parameters cannot follow a modulator or schedule")
    }

    @Test func anUnknownModulatorIsNamedWithItsPath() throws {
        let spec = Self.neuron(current: .bound(.modulator(name: "astro", scale: 50)), durationMs: 10)
        let error = #expect(throws: ConfigError.self) { try Simulation(spec: spec) }
        #expect(error?.path == "populations[0].params.I_e.modulator")
    }
}
