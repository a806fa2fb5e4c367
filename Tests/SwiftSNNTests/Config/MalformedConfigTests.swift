import Foundation
import Testing
@testable import SwiftSNN

/// Every kind of malformed config is refused with one line `json.path: problem, got value` that names the place
/// and the fix. The expected lines are the user-facing messages as specified (written by hand, not captured from
/// the code); each config goes through the same path as `snn run`: parse, `NetworkSpec`, `Simulation`.
@Suite struct MalformedConfigTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var what: String
        var json: String
        var error: String
        var testDescription: String { what }

        init(_ what: String, _ json: String, _ error: String) {
            self.what = what
            self.json = json
            self.error = error
        }
    }

    static let sim = #""simulation": {"duration_ms": 10}"#
    static let n3 = #"{"name": "n", "size": 3, "model": "iaf_psc_delta"}"#
    /// Neuron 0's r in population "n" under the default seed, which an error about its expression names.
    static let firstR: String = {
        var rng = RandomStream(seed: SimulationSpec.defaultSeed, purpose: .neuronRandom, RandomStream.key("n"), 0)
        return formatNumber(rng.nextUniform())
    }()

    static func projection(_ connectivity: String = #"{"rule": "all_to_all"}"#, synapse: String = #"{"weight": 1}"#) -> String {
        #"{\#(sim), "populations": [\#(n3)], "projections": [{"source": "n", "target": "n", "connectivity": \#(connectivity), "synapse": \#(synapse)}]}"#
    }

    static func recorder(_ recorder: String) -> String {
        #"{\#(sim), "populations": [\#(n3)], "recorders": [\#(recorder)]}"#
    }

    static func modulator(_ modulators: String) -> String {
        #"{\#(sim), "populations": [\#(n3)], "modulators": [\#(modulators)]}"#
    }

    static func population(_ population: String) -> String {
        #"{\#(sim), "populations": [\#(population)]}"#
    }

    static let cases: [Case] = [
        // JSON syntax: line and column as Python's json module reports them for the same text (it accepts NaN,
        // so that column is counted by hand).
        Case("trailing comma", #"{"simulation": {"duration_ms": 10,}, "populations": []}"#,
             "net.json: invalid JSON at line 1, column 35: trailing comma before '}'"),
        Case("missing value", "{\n  \"simulation\": {\"duration_ms\": },\n  \"populations\": []\n}",
             "net.json: invalid JSON at line 2, column 33: expected a value, got '}'"),
        Case("truncated file", #"{"simulation": {"duration_ms": 10}, "populations": ["#,
             "net.json: invalid JSON at line 1, column 53: expected a value, got the end of the file"),
        Case("NaN is not JSON", #"{"simulation": {"duration_ms": NaN}, "populations": []}"#,
             "net.json: invalid JSON at line 1, column 32: expected a value, got 'NaN'"),
        // 1e999 is valid JSON syntax but overflows a double to inf.
        Case("number overflowing to inf", #"{"simulation": {"duration_ms": 1e999}, "populations": []}"#,
             "simulation.duration_ms: must be a finite number, got 1e999, which is out of range for a double"),
        Case("duplicate key", #"{"simulation": {"duration_ms": 10, "duration_ms": 20}, "populations": []}"#,
             "simulation.duration_ms: duplicate key"),
        Case("top level not an object", "[]",
             "net.json: must be an object with simulation and populations, got an array"),

        // Unknown keys, at every level.
        Case("unknown top-level key", #"{\#(sim), "populations": [], "recorder": []}"#,
             "recorder: unknown key (did you mean 'recorders'?); allowed: layouts, modulators, populations, projections, recorders, simulation"),
        Case("unknown simulation key", #"{"simulation": {"duration_ms": 10, "dt": 0.1}, "populations": []}"#,
             "simulation.dt: unknown key; allowed: dt_ms, duration_ms, engine, seed, threads"),
        Case("unknown population key", population(#"{"name": "n", "size": 3, "model": "iaf_psc_delta", "parmas": {}}"#),
             "populations[0].parmas: unknown key (did you mean 'params'?); allowed: initial, model, name, params, size"),
        Case("unknown projection key", #"{\#(sim), "populations": [\#(n3)], "projections": [{"source": "n", "target": "n", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1}, "learning": "stdp"}]}"#,
             "projections[0].learning: unknown key; allowed: connectivity, delay_plasticity, dendritic_fraction, max_delay_ms, plasticity, source, synapse, target, third_factor"),
        Case("delay beyond max_delay_ms", #"{\#(sim), "populations": [\#(n3)], "projections": [{"source": "n", "target": "n", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1, "delay_ms": 12}, "max_delay_ms": 10}]}"#,
             "projections[0].synapse.delay_ms: must be <= max_delay_ms (10 ms), got 12"),
        Case("unknown delay rule", #"{\#(sim), "populations": [\#(n3)], "projections": [{"source": "n", "target": "n", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1}, "delay_plasticity": {"rule": "delay_shfit"}}]}"#,
             "projections[0].delay_plasticity.rule: unknown delay rule 'delay_shfit' (did you mean 'delay_shift'?); known: delay_resume, delay_shift"),
        Case("delay rule bound beyond max_delay_ms", #"{\#(sim), "populations": [\#(n3)], "projections": [{"source": "n", "target": "n", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1}, "max_delay_ms": 5, "delay_plasticity": {"rule": "delay_shift", "params": {"d_max_ms": 8}}}]}"#,
             "projections[0].delay_plasticity.params.d_max_ms: must be <= max_delay_ms (5 ms), got 8"),
        Case("initial delay outside the delay rule's bounds", #"{\#(sim), "populations": [\#(n3)], "projections": [{"source": "n", "target": "n", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1, "delay_ms": 0.5}, "delay_plasticity": {"rule": "delay_shift"}}]}"#,
             "projections[0].synapse.delay_ms: must lie within the delay rule's d_min_ms ... d_max_ms (1 ... 20 ms), got 0.5"),
        Case("unknown synapse key", projection(synapse: #"{"weight": 1, "delay": 1}"#),
             "projections[0].synapse.delay: unknown key; allowed: delay_ms, type, weight"),
        Case("connectivity key of another rule", projection(#"{"rule": "pairwise_bernoulli", "p": 0.1, "K": 2}"#),
             "projections[0].connectivity.K: unknown key; allowed: allow_autapses, allow_multapses, p, rule"),
        Case("two recorders writing one file", #"{\#(sim), "populations": [\#(n3)], "projections": [{"source": "n", "target": "n", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1}, "plasticity": {"rule": "stdp"}}], "recorders": [{"name": "w", "type": "weights", "projection": 0}, {"name": "w_sources", "type": "spikes", "population": "n"}]}"#,
             "recorders[1].name: writes w_sources.npy, as recorder 'w' (recorders[0]) does; rename one"),
        Case("recorder name of a saved file", recorder(#"{"name": "weights_projection0", "type": "spikes", "population": "n"}"#),
             "recorders[0].name: 'weights_projection<i>' names are reserved for the files snn writes with --save-weights, --save-delays and --save-synapses"),
        Case("recorder name too long for a file", recorder(#"{"name": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "type": "spikes", "population": "n"}"#),
             "recorders[0].name: makes a file name of 264 bytes (xxxxxxxxxxxxxxxxxxxx…); at most 255"),
        Case("unknown recorder key", recorder(#"{"name": "s", "type": "spikes", "population": "n", "start_ms": 5}"#),
             "recorders[0].start_ms: unknown key; allowed: interval_ms, name, neurons, population, projection, type, variables"),
        Case("interval on a spike recorder", recorder(#"{"name": "s", "type": "spikes", "population": "n", "interval_ms": 1}"#),
             "recorders[0].interval_ms: only allowed for state, weight, delay and modulator recorders"),

        // Missing keys and wrong types.
        Case("missing simulation", #"{"populations": []}"#, "simulation: is required"),
        Case("missing duration", #"{"simulation": {"dt_ms": 0.1}, "populations": []}"#, "simulation.duration_ms: is required"),
        Case("missing size", population(#"{"name": "n", "model": "iaf_psc_delta"}"#), "populations[0].size: is required"),
        Case("string for a number", population(#"{"name": "n", "size": 3, "model": "iaf_psc_exp", "params": {"tau_m": "20"}}"#),
             #"populations[0].params.tau_m: must be a number, got the string "20""#),
        Case("number for a string", population(#"{"name": "n", "size": 3, "model": 5}"#),
             "populations[0].model: must be a string, got the number 5"),
        Case("string for a boolean", projection(#"{"rule": "all_to_all", "allow_autapses": "no"}"#),
             #"projections[0].connectivity.allow_autapses: must be a boolean, got the string "no""#),
        Case("object for an array", #"{\#(sim), "populations": {"n": 3}}"#, "populations: must be an array, got an object"),

        // Sizes, models, parameters.
        Case("negative size", population(#"{"name": "n", "size": -3, "model": "iaf_psc_delta"}"#),
             "populations[0].size: must be >= 1, got -3"),
        Case("size 0", population(#"{"name": "n", "size": 0, "model": "iaf_psc_delta"}"#),
             "populations[0].size: must be >= 1, got 0"),
        Case("fractional size", population(#"{"name": "n", "size": 2.5, "model": "iaf_psc_delta"}"#),
             "populations[0].size: must be an integer, got 2.5"),
        Case("unknown model", population(#"{"name": "n", "size": 3, "model": "hh_psc_alpha"}"#),
             "populations[0].model: unknown model 'hh_psc_alpha'; known: EIF_cond_exp_isfa_ista, IF_cond_alpha, IF_cond_exp, IF_curr_alpha, IF_curr_exp, Izhikevich, aeif_cond_exp, aeif_psc_exp, astrocyte_lr_1994, bernoulli_input, dc_generator, iaf_cond_alpha, iaf_cond_exp, iaf_psc_alpha, iaf_psc_delta, iaf_psc_exp, izhikevich, lava_cuba_lif, leaky_integrator, mat2_psc_exp, nalsm_lif, parrot_neuron, poisson_generator, readout_integrator, snntorch_leaky, snntorch_synaptic, spike_generator, spikingjelly_lif, window_integrator"),
        Case("unknown parameter", population(#"{"name": "n", "size": 3, "model": "iaf_psc_exp", "params": {"tau_syn": 2}}"#),
             "populations[0].params.tau_syn: unknown parameter; known: C_m, E_L, I_e, V_reset, V_th, t_ref, tau_m, tau_syn_ex, tau_syn_in"),
        Case("unknown choice", population(#"{"name": "n", "size": 3, "model": "snntorch_leaky", "params": {"reset_mechanism": "substract"}}"#),
             "populations[0].params.reset_mechanism: unknown choice 'substract' (did you mean 'subtract'?); known: subtract, zero, none"),
        Case("number for a choice", population(#"{"name": "n", "size": 3, "model": "snntorch_leaky", "params": {"reset_mechanism": 1}}"#),
             "populations[0].params.reset_mechanism: must be one of 'subtract', 'zero', 'none' (a string), got the number 1"),
        Case("string for a number", population(#"{"name": "n", "size": 3, "model": "snntorch_leaky", "params": {"beta": "0.9"}}"#),
             #"populations[0].params.beta: must be a number, got the string "0.9""#),
        Case("choice following a modulator", #"{\#(sim), "modulators": [{"name": "da", "type": "external"}], "populations": [{"name": "n", "size": 3, "model": "spikingjelly_lif", "params": {"reset_mode": {"modulator": "da"}}}]}"#,
             "populations[0].params.reset_mode: is a choice, which cannot follow a modulator or schedule"),
        Case("soft reset with a reset value", population(#"{"name": "n", "size": 3, "model": "spikingjelly_lif", "params": {"reset_mode": "soft", "v_reset": -1}}"#),
             "populations[0].params.v_reset: must be 0 with reset_mode soft (SpikingJelly's v_reset=None charges towards 0), got -1"),
        Case("SpikingJelly tau not above 1", population(#"{"name": "n", "size": 3, "model": "spikingjelly_lif", "params": {"tau": 1}}"#),
             "populations[0].params.tau: must be > 1 (SpikingJelly's LIFNode requires it), got 1"),
        Case("negative time constant", population(#"{"name": "n", "size": 3, "model": "iaf_psc_exp", "params": {"tau_m": -5}}"#),
             "populations[0].params.tau_m: must be > 0, got -5"),
        Case("reset above threshold", population(#"{"name": "n", "size": 3, "model": "iaf_psc_delta", "params": {"V_reset": -50, "V_th": -55}}"#),
             "populations[0].params.V_reset: must be < V_th (-55), got -50"),
        Case("duplicate population", #"{\#(sim), "populations": [\#(n3), \#(n3)]}"#,
             "populations[1].name: duplicate population name 'n'"),
        Case("unknown engine", #"{"simulation": {"duration_ms": 10, "engine": "events"}, "populations": []}"#,
             "simulation.engine: unknown engine 'events'; known: clock, event"),
        Case("zero time step", #"{"simulation": {"duration_ms": 10, "dt_ms": 0}, "populations": []}"#,
             "simulation.dt_ms: must be > 0, got 0"),

        // Initial values and value specs.
        Case("unknown state variable", population(#"{"name": "n", "size": 3, "model": "iaf_psc_delta", "initial": {"V": -70}}"#),
             "populations[0].initial.V: unknown state variable for iaf_psc_delta; known: V_m, I_stim"),
        Case("missing array file", population(#"{"name": "n", "size": 3, "model": "iaf_psc_delta", "initial": {"V_m": {"file": "vm.npy"}}}"#),
             "populations[0].initial.V_m.file: file not found: vm.npy"),
        Case("array length mismatch", population(#"{"name": "n", "size": 3, "model": "iaf_psc_delta", "initial": {"V_m": {"array": [-70, -65]}}}"#),
             "populations[0].initial.V_m: array has 2 values, expected 3 (one per neuron)"),
        Case("uniform low above high", population(#"{"name": "n", "size": 3, "model": "iaf_psc_delta", "initial": {"V_m": {"uniform": [-50, -60]}}}"#),
             "populations[0].initial.V_m.uniform: low must be <= high, got [-50, -60]"),
        Case("negative standard deviation", population(#"{"name": "n", "size": 3, "model": "iaf_psc_delta", "initial": {"V_m": {"normal": [-65, -1]}}}"#),
             "populations[0].initial.V_m.normal[1]: sd must be >= 0, got -1"),

        // Per-neuron parameters and expressions of r.
        Case("per-neuron value of a population-wide parameter", population(#"{"name": "n", "size": 3, "model": "izhikevich", "params": {"V_th": {"uniform": [25, 35]}}}"#),
             "populations[0].params.V_th: izhikevich takes one value of V_th for the whole population (a number or a binding); per neuron: a, b, c, d"),
        Case("per-neuron parameter as an initial value", population(#"{"name": "n", "size": 3, "model": "izhikevich", "initial": {"c": -60}}"#),
             "populations[0].initial.c: c is a parameter of izhikevich; give it (per neuron if need be) in params"),
        Case("per-neuron parameter array too short", population(#"{"name": "n", "size": 3, "model": "izhikevich", "params": {"d": {"array": [8, 2]}}}"#),
             "populations[0].params.d: array has 2 values, expected 3 (one per neuron)"),
        Case("expression cut short", population(#"{"name": "n", "size": 3, "model": "izhikevich", "params": {"c": {"expression": "-65 + 15*"}}}"#),
             "populations[0].params.c.expression: expression: expected a number, r, a function or '(' at column 10"),
        Case("expression with an unknown name", population(#"{"name": "n", "size": 3, "model": "izhikevich", "params": {"c": {"expression": "-65 + 15*x^2"}}}"#),
             "populations[0].params.c.expression: expression: unknown name 'x' (known: r, abs, exp, log, sqrt) at column 10"),
        Case("expression with an unclosed parenthesis", population(#"{"name": "n", "size": 3, "model": "izhikevich", "params": {"d": {"expression": "8 - 6*(r^2"}}}"#),
             "populations[0].params.d.expression: expression: expected ')' at column 11"),
        Case("expression giving NaN", population(#"{"name": "n", "size": 3, "model": "izhikevich", "params": {"a": {"expression": "sqrt(r - 2)"}}}"#),
             "populations[0].params.a: neuron 0 (r = \(firstR)): must be a finite number, got NaN"),
        Case("expression in an input's parameters", population(#"{"name": "g", "size": 2, "model": "bernoulli_input", "params": {"p": {"expression": "r"}}}"#),
             "populations[0].params.p: expressions of r give per-neuron values (initial state, neuron parameters); give a number, a distribution, an array or a file"),
        Case("expression for a weight", projection(synapse: #"{"weight": {"expression": "r"}}"#),
             "projections[0].synapse.weight: expressions of r give per-neuron values (initial state, neuron parameters); give a number, a distribution, an array or a file"),

        // Projections.
        Case("unknown source population", #"{\#(sim), "populations": [\#(n3)], "projections": [{"source": "m", "target": "n", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1}}]}"#,
             "projections[0].source: unknown population 'm'; known: n"),
        Case("input as target", #"{\#(sim), "populations": [\#(n3), {"name": "g", "size": 1, "model": "poisson_generator"}], "projections": [{"source": "n", "target": "g", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1}}]}"#,
             "projections[0].target: 'g' is an input (poisson_generator) and cannot receive synapses"),
        Case("unknown rule", projection(#"{"rule": "random"}"#),
             "projections[0].connectivity.rule: unknown rule 'random'; known: all_to_all, one_to_one, pairwise_bernoulli, fixed_indegree, fixed_outdegree, fixed_total_number, explicit, distance_bernoulli"),
        Case("probability above 1", projection(#"{"rule": "pairwise_bernoulli", "p": 1.5}"#),
             "projections[0].connectivity.p: must be in [0, 1], got 1.5"),
        Case("indegree above the possible sources", projection(#"{"rule": "fixed_indegree", "K": 3, "allow_autapses": false, "allow_multapses": false}"#),
             "projections[0].connectivity.K: must be <= 2 possible sources without multapses, got 3"),
        Case("explicit index out of range", projection(#"{"rule": "explicit", "sources": [0, 1], "targets": [2, 3]}"#),
             "projections[0].connectivity.targets[1]: index 3 out of range for a population of 3"),
        Case("weight array length mismatch", projection(#"{"rule": "one_to_one"}"#, synapse: #"{"weight": {"array": [1, 2]}}"#),
             "projections[0].synapse.weight: array has 2 values, expected 3 (one per synapse)"),
        Case("negative delay", projection(synapse: #"{"weight": 1, "delay_ms": -1}"#),
             "projections[0].synapse.delay_ms: must be > 0, got -1"),
        Case("delay below dt", projection(synapse: #"{"weight": 1, "delay_ms": 0.04}"#),
             "projections[0].synapse.delay_ms: must be >= dt (0.1 ms), got 0.04"),
        Case("unbounded normal delay", projection(synapse: #"{"weight": 1, "delay_ms": {"normal": [1, 0.2]}}"#),
             "projections[0].synapse.delay_ms: values must be > 0, so normal needs min > 0, got no min"),

        // Inputs.
        Case("spike time before the first step", population(#"{"name": "g", "size": 1, "model": "spike_generator", "params": {"spike_times": [0]}}"#),
             "populations[0].params.spike_times[0]: spike time must be >= dt (0.1 ms), got 0"),
        Case("probability per neuron above 1", population(#"{"name": "g", "size": 2, "model": "bernoulli_input", "params": {"p": [0.5, 2]}}"#),
             "populations[0].params.p[1]: must be in [0, 1], got 2"),

        // Recorders.
        Case("unknown recorded population", recorder(#"{"name": "s", "type": "spikes", "population": "x"}"#),
             "recorders[0].population: unknown population 'x'; known: n"),
        Case("recorded neuron out of range", recorder(#"{"name": "s", "type": "spikes", "population": "n", "neurons": [0, 3]}"#),
             "recorders[0].neurons[1]: index 3 out of range for population 'n' of 3"),
        Case("unknown recorded variable", recorder(#"{"name": "v", "type": "state", "population": "n", "variables": ["v_m"]}"#),
             "recorders[0].variables[0]: unknown variable 'v_m'; known: V_m, I_stim"),
        Case("interval not a multiple of dt", recorder(#"{"name": "v", "type": "state", "population": "n", "variables": ["V_m"], "interval_ms": 0.25}"#),
             "recorders[0].interval_ms: must be a multiple of dt (0.1 ms), got 0.25"),
        Case("unknown recorder type", recorder(#"{"name": "s", "type": "voltage", "population": "n"}"#),
             "recorders[0].type: unknown recorder type 'voltage'; known: spikes, state, weights, delays, modulators"),
        Case("weight recorder on a static projection", #"{\#(sim), "populations": [\#(n3)], "projections": [{"source": "n", "target": "n", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1}}], "recorders": [{"name": "w", "type": "weights", "projection": 0}]}"#,
             "recorders[0].projection: projection 0 has no plasticity, so its weights never change"),
        Case("unknown pairing", #"{\#(sim), "populations": [\#(n3)], "projections": [{"source": "n", "target": "n", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1}, "plasticity": {"rule": "stdp", "pairing": "closest"}}]}"#,
             "projections[0].plasticity.pairing: unknown pairing 'closest'; known: all_to_all, nearest"),
        Case("unknown plasticity parameter", #"{\#(sim), "populations": [\#(n3)], "projections": [{"source": "n", "target": "n", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1}, "plasticity": {"rule": "stdp", "params": {"lamda": 0.1}}}]}"#,
             "projections[0].plasticity.params.lamda: unknown parameter (did you mean 'lambda'?); known: alpha, lambda, mu_minus, mu_plus, tau_minus, tau_plus, w_max, w_min"),
        Case("unknown modulator type", modulator(#"{"name": "m", "type": "dopamine"}"#),
             "modulators[0].type: unknown modulator type 'dopamine'; known: volume_transmitter, schedule, external, astrocyte_integrator, population_mean"),
        Case("layout that does not fit its populations", #"{\#(sim), "populations": [\#(n3)], "layouts": [{"name": "g", "grid": [2, 2], "populations": ["n"]}]}"#,
             "layouts[0].grid: has 4 points for 3 neurons; each point takes one neuron"),
        Case("distance rule without positions", projection(#"{"rule": "distance_bernoulli", "C": 0.2, "lambda": 3}"#),
             "projections[0].connectivity.rule: distance_bernoulli needs grid positions for source and target (list both populations in a \"layouts\" entry)"),
        Case("model name with a typo", population(#"{"name": "n", "size": 1, "model": "iaf_psc_exq"}"#),
             "populations[0].model: unknown model 'iaf_psc_exq' (did you mean 'iaf_psc_exp'?); known: EIF_cond_exp_isfa_ista, IF_cond_alpha, IF_cond_exp, IF_curr_alpha, IF_curr_exp, Izhikevich, aeif_cond_exp, aeif_psc_exp, astrocyte_lr_1994, bernoulli_input, dc_generator, iaf_cond_alpha, iaf_cond_exp, iaf_psc_alpha, iaf_psc_delta, iaf_psc_exp, izhikevich, lava_cuba_lif, leaky_integrator, mat2_psc_exp, nalsm_lif, parrot_neuron, poisson_generator, readout_integrator, snntorch_leaky, snntorch_synaptic, spike_generator, spikingjelly_lif, window_integrator"),
        Case("unknown synapse type", projection(synapse: #"{"type": "gap", "weight": 1}"#),
             "projections[0].synapse.type: unknown synapse type 'gap'; known: sic (leave it out for spikes)"),
        Case("astrocyte integrator without inputs", modulator(#"{"name": "a", "type": "astrocyte_integrator", "tau_ms": 100, "bias": 0.15}"#),
             "modulators[0].inputs: is required for astrocyte_integrator modulators"),
        Case("astrocyte integrator input of an unknown population", modulator(#"{"name": "a", "type": "astrocyte_integrator", "tau_ms": 100, "bias": 0.15, "inputs": [{"population": "x", "weight": 1}]}"#),
             "modulators[0].inputs[0].population: unknown population 'x'; known: n"),
        Case("astrocyte integrator bias schedule without factor", modulator(#"{"name": "a", "type": "astrocyte_integrator", "tau_ms": 100, "bias": {"initial": 0.15}, "inputs": [{"population": "n", "weight": 1}]}"#),
             "modulators[0].bias.factor: is required"),
        Case("negative weight onto an astrocyte", #"{\#(sim), "populations": [{"name": "a", "size": 1, "model": "astrocyte_lr_1994"}, \#(n3)], "projections": [{"source": "n", "target": "a", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": -2}}]}"#,
             "projections[0].synapse.weight: astrocyte_lr_1994 takes only weights >= 0, got -2 (synapse 0)"),
        Case("volume transmitter without tau", modulator(#"{"name": "m", "type": "volume_transmitter", "population": "n"}"#),
             "modulators[0].tau_ms: is required for volume_transmitter modulators"),
        Case("volume transmitter of an unknown population", modulator(#"{"name": "m", "type": "volume_transmitter", "population": "da", "tau_ms": 200}"#),
             "modulators[0].population: unknown population 'da'; known: n"),
        Case("schedule key on an external modulator", modulator(#"{"name": "m", "type": "external", "times_ms": [1]}"#),
             "modulators[0].times_ms: not allowed for external modulators"),
        Case("schedule times not increasing", modulator(#"{"name": "m", "type": "schedule", "times_ms": [5, 5], "values": [1, 2]}"#),
             "modulators[0].times_ms[1]: times must increase, got 5 after 5"),
        Case("schedule values not matching times", modulator(#"{"name": "m", "type": "schedule", "times_ms": [5, 6], "values": [1]}"#),
             "modulators[0].values: must have one value per entry of times_ms (2), got 1"),
        Case("duplicate modulator", modulator(#"{"name": "m", "type": "external"}, {"name": "m", "type": "external"}"#),
             "modulators[1].name: duplicate modulator name 'm'"),
        Case("binding with both modulator and schedule", #"{\#(sim), "populations": [\#(n3)], "projections": [{"source": "n", "target": "n", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1}, "plasticity": {"rule": "stdp", "params": {"lambda": {"modulator": "m", "factor": 0.5}}}}]}"#,
             "projections[0].plasticity.params.lambda.factor: not allowed with 'modulator' (a parameter follows either a modulator or a schedule)"),
        Case("schedule with a non-positive factor", #"{\#(sim), "populations": [\#(n3)], "projections": [{"source": "n", "target": "n", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1}, "plasticity": {"rule": "stdp", "params": {"lambda": {"initial": 0.1, "factor": -1}}}}]}"#,
             "projections[0].plasticity.params.lambda.factor: must be > 0, got -1"),
        Case("binding a trace time constant", #"{\#(sim), "populations": [\#(n3)], "projections": [{"source": "n", "target": "n", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1}, "plasticity": {"rule": "stdp", "params": {"tau_plus": {"initial": 20, "factor": 0.9}}}}]}"#,
             "projections[0].plasticity.params.tau_plus: tau_plus cannot follow a modulator or schedule: the weight bounds and trace time constants it sets are fixed for a run"),
        Case("reserved recorder name", recorder(#"{"name": "summary", "type": "spikes", "population": "n"}"#),
             "recorders[0].name: 'summary' is reserved for summary.json"),

        // Extreme values: each would once have trapped converting to a step count or a sample, or silently
        // simulated something else. Step counts are bounded by 2^31 - 1 (TimeGrid.maxSteps).
        Case("duration beyond the step bound", #"{"simulation": {"duration_ms": 1e308}, "populations": []}"#,
             "simulation.duration_ms: must be at most 2147483647 steps of dt 0.1 ms (2.15e+08 ms), got 1e+308"),
        Case("duration under half a step", #"{"simulation": {"duration_ms": 0.4, "dt_ms": 1}, "populations": []}"#,
             "simulation.duration_ms: is under half a step of dt (1 ms), so no step would be simulated, got 0.4"),
        Case("time step too small", #"{"simulation": {"duration_ms": 10, "dt_ms": 1e-12}, "populations": [\#(n3)]}"#,
             "simulation.dt_ms: must be in [1e-06, 10000] ms, got 1e-12"),
        Case("time step too large", #"{"simulation": {"duration_ms": 10, "dt_ms": 1e300}, "populations": [\#(n3)]}"#,
             "simulation.dt_ms: must be in [1e-06, 10000] ms, got 1e+300"),
        Case("refractory period beyond the step bound", population(#"{"name": "n", "size": 3, "model": "iaf_psc_delta", "params": {"t_ref": 1e300}}"#),
             "populations[0].params.t_ref: must be at most 2147483647 steps of dt 0.1 ms (2.15e+08 ms), got 1e+300"),
        Case("Poisson rate beyond any sampler", #"{\#(sim), "populations": [\#(n3), {"name": "g", "size": 1, "model": "poisson_generator", "params": {"rate": 1e300}}]}"#,
             "populations[1].params.rate: must be at most 1e+13 Hz at dt 0.1 ms (1e+09 spikes per step), got 1e+300"),
        Case("spike time beyond the step bound", population(#"{"name": "g", "size": 1, "model": "spike_generator", "params": {"spike_times": [1, 1e20]}}"#),
             "populations[0].params.spike_times[1]: must be at most 2147483647 steps of dt 0.1 ms (2.15e+08 ms), got 1e+20"),
        Case("sampling interval beyond the step bound", recorder(#"{"name": "v", "type": "state", "population": "n", "variables": ["V_m"], "interval_ms": 1e300}"#),
             "recorders[0].interval_ms: must be at most 2147483647 steps of dt 0.1 ms (2.15e+08 ms), got 1e+300"),
        Case("sampling interval under a step", recorder(#"{"name": "v", "type": "state", "population": "n", "variables": ["V_m"], "interval_ms": 1e-300}"#),
             "recorders[0].interval_ms: must be a multiple of dt (0.1 ms), got 1e-300"),
        Case("schedule period beyond the step bound", #"{\#(sim), "populations": [\#(n3)], "projections": [{"source": "n", "target": "n", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1}, "plasticity": {"rule": "stdp", "params": {"lambda": {"initial": 0.1, "factor": 0.5, "every_ms": 1e300}}}}]}"#,
             "projections[0].plasticity.params.lambda.every_ms: must be at most 2147483647 steps of dt 0.1 ms (2.15e+08 ms), got 1e+300"),
        Case("schedule time beyond the step bound", modulator(#"{"name": "m", "type": "schedule", "times_ms": [5, 1e300], "values": [1, 2]}"#),
             "modulators[0].times_ms[1]: must be at most 2147483647 steps of dt 0.1 ms (2.15e+08 ms), got 1e+300"),
        Case("layout whose axes multiply beyond any integer", #"{\#(sim), "populations": [\#(n3)], "layouts": [{"name": "g", "grid": [4294967296, 4294967296], "populations": ["n"]}]}"#,
             "layouts[0].grid: has 1.8446744073709552e+19 points for 3 neurons; each point takes one neuron"),
        Case("normal that never meets its bounds", population(#"{"name": "n", "size": 3, "model": "iaf_psc_delta", "initial": {"V_m": {"normal": [-65, 0], "min": -60}}}"#),
             "populations[0].initial.V_m: normal(-65, 0) falls in [-60, inf] with probability 0, under the 1 % needed to redraw the values outside"),
        Case("normal bounds in its far tail", projection(synapse: #"{"weight": {"normal": [0, 1], "min": 10, "max": 11}}"#),
             "projections[0].synapse.weight: normal(0, 1) falls in [10, 11] with probability 0, under the 1 % needed to redraw the values outside"),
    ]

    @Test(arguments: cases)
    func malformedConfigIsRefusedWithOneLineNamingPathAndProblem(_ c: Case) throws {
        // A directory that cannot exist, so that every referenced file is missing.
        let base = URL(fileURLWithPath: "/nonexistent-swiftsnn-config-dir")
        let error = #expect(throws: ConfigError.self) {
            let value = try JSONValue.parse(Data(c.json.utf8), file: "net.json")
            _ = try Simulation(spec: NetworkSpec(ConfigNode(value: value, path: "", baseDirectory: base), name: "net"))
        }
        #expect(error?.description == c.error)
    }
}
