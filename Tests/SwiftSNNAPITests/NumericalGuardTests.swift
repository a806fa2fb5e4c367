import Foundation
import SwiftSNN
import Testing

/// The numerical guard: a state variable that becomes NaN or infinite stops the run with a `NumericalError`
/// naming population, variable, neuron and time, and the recorders keep what they recorded up to then.
@Suite struct NumericalGuardTests {
    /// `nalsm_lif` with τ_u = 1e-300 ms injects w·dt/τ_u = 1e10·1e300 = inf in the step the spike arrives
    /// (the spike stamped 4 ms ends step 3; one step later, step 4 ends at 5 ms); I_syn then decays by
    /// e^(−dt/τ_u) = 0, giving inf·0 = NaN, which V_m takes up in the next step (a NaN never reaches threshold).
    static func spec() -> NetworkSpec {
        NetworkSpec(simulation: SimulationSpec(durationMs: 50, dtMs: 1),
                    populations: [PopulationSpec(name: "n", size: 2, model: "nalsm_lif", params: ["tau_u": 1e-300]),
                                  PopulationSpec(name: "in", size: 1, model: "spike_generator",
                                                 params: ["spike_times": .numbers([4])])],
                    projections: [ProjectionSpec(source: "in", target: "n", connectivity: .allToAll,
                                                 weight: .constant(1e10), delayMs: 1)],
                    recorders: [.state("v", of: "n", variables: ["V_m"], intervalMs: 1)])
    }

    @Test func aNaNStopsTheRunNamingWhereAndWhenAndKeepsTheDataSoFar() throws {
        var sim = try Simulation(spec: Self.spec())
        let error = #expect(throws: NumericalError.self) { try sim.run() }
        // Born in step 4, found by the first scan after it, at 10 ms (`ClockDrivenEngine.numericalGuardMs`).
        // The scan reports the first variable in the model's order: V_m.
        #expect(error?.population == "n" && error?.variable == "V_m" && error?.neuron == 0)
        #expect(error?.value.isNaN == true)
        #expect(error?.timeMs == ClockDrivenEngine.numericalGuardMs)
        #expect(sim.timeMs == 10)
        #expect(try sim.samples("v", variable: "V_m").timesMs.count == 10)
    }

    /// The event engine: `iaf_psc_exp` with C_m = 1e-290 pF turns an input of −1e30 pA (arriving at 5 ms: spike at
    /// 4 ms, delay 1 ms) into a membrane change of order 1e30/1e-290 mV, beyond a double: V_m = −inf, which no
    /// reset clears (it never reaches threshold). The engine evolves a neuron at its next event, the second
    /// arrival at 7 ms; the scan at 10 ms finds it.
    @Test func theEventEngineStopsAtAnInfiniteStateToo() throws {
        let spec = NetworkSpec(simulation: SimulationSpec(durationMs: 50, dtMs: 0.1, engine: .event),
                               populations: [PopulationSpec(name: "n", size: 2, model: "iaf_psc_exp", params: ["C_m": 1e-290]),
                                             PopulationSpec(name: "in", size: 1, model: "spike_generator",
                                                            params: ["spike_times": .numbers([4, 6])])],
                               projections: [ProjectionSpec(source: "in", target: "n", connectivity: .allToAll,
                                                            weight: .constant(-1e30), delayMs: 1)],
                               recorders: [.spikes("spikes", of: "n")])
        var sim = try Simulation(spec: spec)
        let error = #expect(throws: NumericalError.self) { try sim.run() }
        #expect(error?.population == "n" && error?.variable == "V_m" && error?.neuron == 0)
        #expect(error?.value == -.infinity)
        #expect(error?.timeMs == ClockDrivenEngine.numericalGuardMs)
        #expect(abs(sim.timeMs - 10) < 1e-9)
    }

    @Test func theSameNetworkWithAFiniteKernelRunsToTheEnd() throws {
        var spec = Self.spec()
        spec.populations[0].params["tau_u"] = 1
        var sim = try Simulation(spec: spec)
        try sim.run()
        #expect(sim.timeMs == 50)
    }

    @Test func aWeightBeyondFloat32IsRefusedBeforeRunning() throws {
        var spec = Self.spec()
        spec.projections[0].weight = .constant(1e300)
        #expect(throws: ConfigError(path: "projections[0].synapse.weight",
                                    problem: "weights are stored as 32-bit floats, within ±3.4e38; got 1e+300")) {
            try Simulation(spec: spec)
        }
    }
}
