import Foundation
import Testing
@testable import SwiftSNN

/// `astrocyte_lr_1994` against NEST 3.10 (models/nest/astrocyte_lr_1994_*.csv, sampled every 1 ms at dt = 0.1 ms):
/// a burst of 200 spikes of weight 10 every 5 ms from 100 ms (delay 1 ms) raises IP3 from 0.16 to 0.53 µM and
/// starts calcium release (Ca_astro up to 0.76 µM); a dc_generator of 0.0002 µM/ms raises Ca_astro alone. Whole
/// simulations through the spec, so the spike delivery and the generator's one-step lag are checked too. The issue
/// asks for 1e-6 relative; both integrators are far more accurate than that on these slow dynamics (observed:
/// 5e-15), so 1e-9 is used, which a wrong step order (input before integration) or clip would exceed.
@Suite struct AstrocyteLR1994Tests {
    static let variables = ["IP3", "Ca_astro", "h_IP3R"]

    static func spec(input: PopulationSpec, weight: Double) -> NetworkSpec {
        NetworkSpec(simulation: SimulationSpec(durationMs: 5000, dtMs: 0.1),
                    populations: [PopulationSpec(name: "astro", size: 1, model: "astrocyte_lr_1994"), input],
                    projections: [ProjectionSpec(source: "in", target: "astro", connectivity: .allToAll,
                                                 weight: .constant(weight), delayMs: 1)],
                    recorders: [.state("trace", of: "astro", variables: variables, intervalMs: 1)])
    }

    /// The largest relative difference from NEST over the trace, per variable.
    static func errors(_ spec: NetworkSpec, reference file: String) throws -> [String: Double] {
        var sim = try Simulation(spec: spec)
        try sim.run()
        let nest = try NestTrace(file)
        var errors: [String: Double] = [:]
        for variable in variables {
            let ours = try sim.samples("trace", variable: variable).values.map { $0[0] }
            let theirs = nest.afterEachStep(variable)
            #expect(ours.count == theirs.count)
            errors[variable] = zip(ours, theirs).map { abs($0 - $1) / abs($1) }.max()!
        }
        return errors
    }

    @Test func spikeDrivenTraceMatchesNest() throws {
        let burst = PopulationSpec(name: "in", size: 1, model: "spike_generator",
                                   params: ["spike_times": .numbers((0..<200).map { 100 + 5 * Double($0) })])
        for (variable, error) in try Self.errors(Self.spec(input: burst, weight: 10), reference: "astrocyte_lr_1994_spikes") {
            #expect(error <= 1e-9, "\(variable)")
        }
    }

    @Test func currentDrivenTraceMatchesNest() throws {
        let dc = PopulationSpec(name: "in", size: 1, model: "dc_generator", params: ["amplitude": 0.0002])
        for (variable, error) in try Self.errors(Self.spec(input: dc, weight: 1), reference: "astrocyte_lr_1994_dc") {
            #expect(error <= 1e-9, "\(variable)")
        }
    }

    @Test func negativeWeightsAreRefusedWithTheirPath() throws {
        let burst = PopulationSpec(name: "in", size: 1, model: "spike_generator", params: ["spike_times": .numbers([10])])
        #expect(throws: ConfigError(path: "projections[0].synapse.weight",
                                    problem: "astrocyte_lr_1994 takes only weights >= 0, got -1 (synapse 0)")) {
            try Simulation(spec: Self.spec(input: burst, weight: -1))
        }
    }

    @Test func theEventEngineRefusesTheModelByName() throws {
        var spec = Self.spec(input: PopulationSpec(name: "in", size: 1, model: "spike_generator",
                                                   params: ["spike_times": .numbers([10])]), weight: 1)
        spec.simulation.engine = .event
        let error = #expect(throws: ConfigError.self) { try Simulation(spec: spec) }
        #expect(error?.description == "populations[0].model: astrocyte_lr_1994 has no exact event-driven solution; use \"engine\": \"clock\"")
    }
}
