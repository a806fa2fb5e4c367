import Foundation
import SwiftSNN
import Testing

/// The numerical guard: a state variable that becomes NaN or infinite stops the run with a `NumericalError`
/// naming population, variable, neuron and time, and the recorders keep what they recorded up to then.
@Suite struct NumericalGuardTests {
    /// `nalsm_lif` with τ_u = 1e-300 ms injects w·dt/τ_u = 1e10·1e300 = inf in the step the spike arrives
    /// (the spike stamped 4 ms ends step 3; one step later, step 4 ends at 5 ms); I_syn then decays by
    /// e^(−dt/τ_u) = 0, giving inf·0 = NaN.
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
        // Found at the end of the slice holding step 4, one step long (the delay is 1 ms): at 5 ms.
        #expect(error?.population == "n" && error?.variable == "I_syn" && error?.neuron == 0)
        #expect(error?.value.isNaN == true)
        #expect(error?.timeMs == 5)
        #expect(sim.timeMs == 5)
        #expect(try sim.samples("v", variable: "V_m").timesMs.count == 5)
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
