import Foundation
import Testing
@testable import SwiftSNN

/// The event engine refuses what it cannot simulate exactly at build time, with one line naming the place in the
/// config and the way out (the expected lines are the messages as specified, written by hand).
@Suite struct EventEngineRefusalTests {
    static func refusal(population: String) -> String? {
        let json = #"{"simulation": {"duration_ms": 10, "engine": "event"}, "populations": [\#(population)]}"#
        do {
            _ = try Simulation(spec: InlineConfig.config(json))
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func conductanceBasedModelIsRefusedNamingModelAndEngine() {
        #expect(Self.refusal(population: #"{"name": "n", "size": 2, "model": "iaf_cond_exp"}"#)
                == #"populations[0].model: iaf_cond_exp has no exact event-driven solution; use "engine": "clock""#)
    }

    @Test(arguments: ["iaf_psc_alpha", "iaf_cond_alpha", "mat2_psc_exp", "izhikevich", "aeif_cond_exp", "aeif_psc_exp"])
    func clockOnlyNeuronModelIsRefusedNamingModelAndEngine(model: String) {
        #expect(Self.refusal(population: #"{"name": "n", "size": 2, "model": "\#(model)"}"#)
                == #"populations[0].model: \#(model) has no exact event-driven solution; use "engine": "clock""#)
    }

    @Test func bernoulliInputIsRefusedAsDefinedPerStep() {
        #expect(Self.refusal(population: #"{"name": "b", "size": 2, "model": "bernoulli_input", "params": {"p": 0.1}}"#)
                == #"populations[0].model: 'b' is an input defined per time step and has no event-driven form; use "engine": "clock""#)
    }

    @Test func synapticTimeConstantEqualToMembraneTimeConstantIsRefused() {
        #expect(Self.refusal(population: #"{"name": "n", "size": 2, "model": "iaf_psc_exp", "params": {"tau_m": 10, "tau_syn_in": 10}}"#)
                == "populations[0].params.tau_syn_in: must differ from tau_m for the event engine (the exact solution divides by tau_m - tau_syn_in), got 10")
    }

    /// Plasticity that is defined per time step; plain rules run on exact times (EventEnginePlasticityTests).
    @Test(arguments: [
        (#"{"rule": "stdp", "params": {"lambda": {"initial": 0.01, "factor": 0.5}}}"#,
         #"parameters that follow modulators or schedules change at time steps; use "engine": "clock""#),
        (#"{"rule": "oja_subspace"}"#, #"oja_subspace has no event-driven form; use "engine": "clock""#),
    ])
    func plasticityDefinedPerStepIsRefused(plasticity: String, problem: String) throws {
        let json = """
            {"simulation": {"duration_ms": 10, "engine": "event"},
             "populations": [{"name": "n", "size": 2, "model": "iaf_psc_delta"}],
             "projections": [{"source": "n", "target": "n", "connectivity": {"rule": "all_to_all"},
                              "synapse": {"weight": 1}, "plasticity": \(plasticity)}]}
            """
        #expect(throws: ConfigError(path: "projections[0].plasticity", problem: problem)) {
            _ = try Simulation(spec: InlineConfig.config(json))
        }
    }

    @Test func clockEngineStillTakesConductanceBasedModel() {
        let json = #"{"simulation": {"duration_ms": 10}, "populations": [{"name": "n", "size": 2, "model": "iaf_cond_exp"}]}"#
        #expect(throws: Never.self) { _ = try Simulation(spec: InlineConfig.config(json)) }
    }
}
