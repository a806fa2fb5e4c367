import Foundation
import SwiftSNN
import Testing

/// PyNN's standard cell names with PyNN's parameters. Reference: PyNN's NEST backend
/// (pyNN/nest/standardmodels/cells.py), which runs IF_curr_exp as iaf_psc_exp with C_m = 1000 cm, I_e = 1000
/// i_offset, E_L = v_rest, V_th = v_thresh, V_reset = v_reset, t_ref = tau_refrac, tau_syn_ex/in = tau_syn_E/I
/// (IF_cond_exp: g_L = 1000 cm/tau_m, E_ex/E_in = e_rev_E/I; Izhikevich: a, b, c, d, I_e = 1000 i_offset). A cell
/// and its NEST model with the translated values, side by side in one network fed the same input spikes, must
/// give the same V_m bit for bit and the same spikes.
@Suite struct PyNNCellTests {
    /// `pynn` and `nest` populations of one neuron each, driven by a spike train with `weight` (in the NEST
    /// model's unit) and their own constant current; returns V_m every step and the spike times of each.
    static func sideBySide(pynn: (model: String, params: [String: Double]), nest: (model: String, params: [String: Double]),
                           nestInitialVm: Double, weight: Double) throws -> (pynn: [Double], nest: [Double], spikes: [[Double]]) {
        let input = PopulationSpec(name: "in", size: 1, model: "spike_generator",
                                   params: ["spike_times": .numbers((1...40).map { 5 * Double($0) })])
        var nestPopulation = PopulationSpec(name: "nest", size: 1, model: nest.model, params: nest.params.mapValues(ParameterValue.number))
        nestPopulation.initial = ["V_m": .constant(nestInitialVm)]
        let spec = NetworkSpec(
            simulation: SimulationSpec(durationMs: 200, dtMs: 0.1),
            populations: [input, PopulationSpec(name: "pynn", size: 1, model: pynn.model, params: pynn.params.mapValues(ParameterValue.number)),
                          nestPopulation],
            projections: ["pynn", "nest"].map {
                ProjectionSpec(source: "in", target: $0, connectivity: .allToAll, weight: .constant(weight), delayMs: 1)
            },
            recorders: ["pynn", "nest"].flatMap { [RecorderSpec.state("vm_\($0)", of: $0, variables: ["V_m"]), .spikes("spikes_\($0)", of: $0)] })
        var sim = try Simulation(spec: spec)
        try sim.run()
        let vm = { (name: String) in try sim.samples("vm_\(name)", variable: "V_m").values.map { $0[0] } }
        return (try vm("pynn"), try vm("nest"), try ["pynn", "nest"].map { try sim.spikes("spikes_\($0)").timesMs })
    }

    static let integrateAndFire = ["cm": 0.25, "tau_m": 10, "v_rest": -70, "v_thresh": -55, "v_reset": -68,
                                   "tau_refrac": 2, "i_offset": 0.4, "tau_syn_E": 1.5, "tau_syn_I": 3]
    static let integrateAndFireInNest = ["C_m": 250.0, "tau_m": 10, "E_L": -70, "V_th": -55, "V_reset": -68, "t_ref": 2,
                                         "I_e": 400, "tau_syn_ex": 1.5, "tau_syn_in": 3]

    @Test(arguments: [("IF_curr_exp", "iaf_psc_exp"), ("IF_curr_alpha", "iaf_psc_alpha")])
    func currentBasedCellRunsAsItsNestModelWithTranslatedParameters(cell: String, nestModel: String) throws {
        let run = try Self.sideBySide(pynn: (cell, Self.integrateAndFire), nest: (nestModel, Self.integrateAndFireInNest),
                                      nestInitialVm: -65, weight: 150)
        #expect(run.pynn.map(\.bitPattern) == run.nest.map(\.bitPattern))
        #expect(run.spikes[0] == run.spikes[1] && run.spikes[0].count > 5)
    }

    @Test(arguments: [("IF_cond_exp", "iaf_cond_exp"), ("IF_cond_alpha", "iaf_cond_alpha")])
    func conductanceBasedCellTakesItsLeakFromCapacitanceOverTauM(cell: String, nestModel: String) throws {
        var pynn = Self.integrateAndFire
        pynn["e_rev_E"] = 0
        pynn["e_rev_I"] = -80
        var nest = Self.integrateAndFireInNest
        nest.removeValue(forKey: "tau_m")
        nest["g_L"] = 1000 * 0.25 / 10
        nest["E_ex"] = 0
        nest["E_in"] = -80
        let run = try Self.sideBySide(pynn: (cell, pynn), nest: (nestModel, nest), nestInitialVm: -65, weight: 2)
        #expect(run.pynn.map(\.bitPattern) == run.nest.map(\.bitPattern))
        #expect(run.spikes[0] == run.spikes[1] && run.spikes[0].count > 5)
    }

    /// PyNN's IF_cond_alpha defaults (pyNN/standardmodels/cells.py): tau_syn_E 0.3 ms, tau_syn_I 0.5 ms, e_rev_E 0 mV,
    /// e_rev_I −70 mV, and the integrate-and-fire ones (cm 1 nF, tau_m 20 ms, v_rest −65 mV, v_thresh −50 mV, v_reset
    /// −65 mV, tau_refrac 0.1 ms): with defaults on both sides translated, the two runs are one.
    @Test func conductanceAlphaCellHasPyNNsDefaults() throws {
        let nest = ["C_m": 1000.0, "g_L": 50, "E_L": -65, "V_th": -50, "V_reset": -65, "t_ref": 0.1, "tau_syn_ex": 0.3,
                    "tau_syn_in": 0.5, "E_ex": 0, "E_in": -70, "I_e": 1100]
        let run = try Self.sideBySide(pynn: ("IF_cond_alpha", ["i_offset": 1.1]), nest: ("iaf_cond_alpha", nest),
                                      nestInitialVm: -65, weight: 20)
        #expect(run.pynn.map(\.bitPattern) == run.nest.map(\.bitPattern))
        #expect(run.spikes[0] == run.spikes[1] && run.spikes[0].count > 5)
    }

    /// PyNN's Izhikevich defaults (d 2 mV/ms, NEST's 8) and initial state (v −70 mV, u −14); i_offset in nA.
    @Test func izhikevichCellIsNestsIzhikevichWithPyNNDefaults() throws {
        let pynn = PopulationSpec(name: "n", size: 1, model: "Izhikevich", params: ["i_offset": 0.01])
        var nestPopulation = PopulationSpec(name: "m", size: 1, model: "izhikevich", params: ["d": 2, "I_e": 10])
        nestPopulation.initial = ["V_m": .constant(-70), "U_m": .constant(-14)]
        let spec = NetworkSpec(simulation: SimulationSpec(durationMs: 300, dtMs: 0.1), populations: [pynn, nestPopulation],
                               recorders: [.spikes("a", of: "n"), .spikes("b", of: "m")])
        var sim = try Simulation(spec: spec)
        try sim.run()
        let ours = try sim.spikes("a").timesMs
        #expect(ours == (try sim.spikes("b").timesMs) && ours.count > 5)
    }

    /// EIF_cond_exp_isfa_ista with PyNN's defaults is aeif_cond_exp with g_L = 1000 cm/tau_m, b = 1000 b (nA to
    /// pA) and PyNN's V_peak, V_reset, t_ref, τ_syn and E_in, started at −70.6 mV; a reset that is not below v_spike
    /// is reported under v_reset.
    @Test func adaptiveExponentialCellIsAeifCondExpWithPyNNDefaults() throws {
        let nest = ["C_m": 281.0, "g_L": 1000 * 0.281 / 9.3667, "E_L": -70.6, "V_th": -50.4, "V_peak": -40,
                    "V_reset": -70.6, "t_ref": 0.1, "a": 4, "b": 80.5, "Delta_T": 2, "tau_w": 144, "I_e": 800,
                    "E_ex": 0, "E_in": -80, "tau_syn_ex": 5, "tau_syn_in": 5]
        let run = try Self.sideBySide(pynn: ("EIF_cond_exp_isfa_ista", ["i_offset": 0.8]), nest: ("aeif_cond_exp", nest),
                                      nestInitialVm: -70.6, weight: 2)
        #expect(run.pynn.map(\.bitPattern) == run.nest.map(\.bitPattern))
        #expect(run.spikes[0] == run.spikes[1] && run.spikes[0].count > 5)
        let spec = NetworkSpec(simulation: SimulationSpec(durationMs: 1),
                               populations: [PopulationSpec(name: "n", size: 1, model: "EIF_cond_exp_isfa_ista",
                                                            params: ["v_reset": -30])])
        let error = #expect(throws: ConfigError.self) { try Simulation(spec: spec) }
        #expect(error?.description == "populations[0].params.v_reset: must be < v_spike (-40), got -30")
    }

    @Test func defaultsArePyNNs() throws {
        let run = try Self.sideBySide(pynn: ("IF_curr_exp", ["i_offset": 1]),
                                      nest: ("iaf_psc_exp", ["C_m": 1000, "tau_m": 20, "E_L": -65, "V_th": -50,
                                                             "V_reset": -65, "t_ref": 0.1, "I_e": 1000,
                                                             "tau_syn_ex": 5, "tau_syn_in": 5]),
                                      nestInitialVm: -65, weight: 100)
        #expect(run.pynn.map(\.bitPattern) == run.nest.map(\.bitPattern))
        #expect(run.spikes[0] == run.spikes[1] && run.spikes[0].count > 5)
    }

    /// Errors name PyNN's keys, the ones in the config.
    @Test(arguments: [
        (["v_reset": -45.0], "populations[0].params.v_reset: must be < v_thresh (-50), got -45"),
        (["cm": -1.0], "populations[0].params.cm: must be > 0, got -1"),
        (["tau_refrac": 1e9], "populations[0].params.tau_refrac: must be at most 2147483647 steps of dt 0.1 ms (2.15e+08 ms), got 1000000000"),
    ])
    func badParameterIsReportedUnderItsPyNNName(params: [String: Double], message: String) {
        let spec = NetworkSpec(simulation: SimulationSpec(durationMs: 1),
                               populations: [PopulationSpec(name: "n", size: 1, model: "IF_curr_exp",
                                                            params: params.mapValues(ParameterValue.number))])
        let error = #expect(throws: ConfigError.self) { try Simulation(spec: spec) }
        #expect(error?.description == message)
    }

    @Test func eventEngineRunsIFCurrExpExactlyAndRefusesIFCurrAlpha() throws {
        func spec(_ model: String) -> NetworkSpec {
            NetworkSpec(simulation: SimulationSpec(durationMs: 100, engine: .event),
                        populations: [PopulationSpec(name: "n", size: 1, model: model, params: ["i_offset": 1])],
                        recorders: [.spikes("s", of: "n")])
        }
        var sim = try Simulation(spec: spec("IF_curr_exp"))
        try sim.run()
        // From v = v_rest the membrane, R·i_offset = 20 MΩ · 1 nA = 20 mV above rest at equilibrium, reaches the
        // threshold 15 mV above rest after tau_m ln(20/5), which the event engine finds exactly.
        let first = try #require(try sim.spikes("s").timesMs.first)
        #expect(abs(first - 20 * log(4.0)) < 1e-9)
        let error = #expect(throws: ConfigError.self) { try Simulation(spec: spec("IF_curr_alpha")) }
        #expect(error?.description == #"populations[0].model: IF_curr_alpha has no exact event-driven solution; use "engine": "clock""#)
    }
}
