import CSNNKernels
import Foundation

/// What `aeif_cond_exp` and `aeif_psc_exp` share: the membrane and adaptation parameters, NEST's checks on them,
/// and the adaptive step in CSNNKernels/update_aeif.c (equations and scheme in `AeifCondExp`).
struct AdEx: Sendable {
    /// The membrane, adaptation and integrator rows of both models' tables (NEST's names, units and defaults);
    /// each model adds its synapses'.
    static func parameters(synapses: [ParameterSpec]) -> [ParameterSpec] {
        [
            ParameterSpec("C_m", unit: "pF", default: 281, .positive, "Membrane capacitance"),
            ParameterSpec("g_L", unit: "nS", default: 30, "Leak conductance"),
            ParameterSpec("E_L", unit: "mV", default: -70.6, "Leak reversal potential"),
            ParameterSpec("Delta_T", unit: "mV", default: 2, .nonNegative, "Slope factor of the exponential; 0 makes it a LIF with threshold V_th"),
            ParameterSpec("V_th", unit: "mV", default: -50.4, "Spike initiation threshold (centre of the exponential)"),
            ParameterSpec("V_peak", unit: "mV", default: 0, "Spike detection threshold (used when Delta_T > 0)"),
            ParameterSpec("V_reset", unit: "mV", default: -60, "Reset potential"),
            ParameterSpec("t_ref", unit: "ms", default: 0, .nonNegative, "Absolute refractory period"),
            ParameterSpec("a", unit: "nS", default: 4, "Subthreshold adaptation"),
            ParameterSpec("b", unit: "pA", default: 80.5, "Spike-triggered adaptation"),
            ParameterSpec("tau_w", unit: "ms", default: 144, .positive, "Adaptation time constant"),
            ParameterSpec("I_e", unit: "pA", default: 0, "Constant external current"),
        ] + synapses + [
            ParameterSpec("gsl_error_tol", unit: "1", default: 1e-6, .positive,
                          "Error tolerance of the adaptive Runge-Kutta-Fehlberg step (NEST's, for GSL)"),
        ]
    }

    /// `V_m`, `w`, the two synaptic variables, `I_stim` and the proposed sub-step, in the kernel's order.
    static func stateVariables(synapses: [StateVariableSpec]) -> [StateVariableSpec] {
        [StateVariableSpec("V_m", unit: "mV", "Membrane potential"),
         StateVariableSpec("w", unit: "pA", "Adaptation current")]
            + synapses
            + [StateVariableSpec("I_stim", unit: "pA", "Current from generators, applied in the next step"),
               StateVariableSpec("integration_step", unit: "ms",
                                 "Sub-step the adaptive integrator tries first in the next step (NEST's IntegrationStep_)")]
    }

    /// Spikes with weight ≥ 0 to plane 0, < 0 (as −w) to plane 1, currents to plane 2.
    static let ports = InputPorts(planes: 3, excitatory: 0, inhibitory: 1, current: 2)
    static let stimulusVariable = 4

    /// `E_L` [mV], the initial `V_m`.
    let restingMV: Double
    /// The clock step [ms], the initial `integration_step`, as NEST starts it.
    let dtMs: Double
    private let kernel: snn_aeif

    /// Reads the shared parameters and `tau_syn_ex`/`tau_syn_in` (and `E_ex`/`E_in` when `conductance`), with
    /// NEST's checks: V_peak ≥ V_th, V_reset < V_peak, and an exponential that stays finite at V_peak.
    init(_ p: ParameterValues, dtMs: Double, conductance: Bool) throws {
        guard p["V_peak"] >= p["V_th"] else {
            throw ConfigError(path: "\(p.path).V_peak",
                              problem: "must be >= V_th (\(formatNumber(p["V_th"]))), got \(formatNumber(p["V_peak"]))")
        }
        // NEST's bound: the exponential at V_peak, times g_L Delta_T, must stay far below the largest double.
        let largestExponent = log(Double.greatestFiniteMagnitude / 1e20)
        if p["Delta_T"] > 0, (p["V_peak"] - p["V_th"]) / p["Delta_T"] >= largestExponent {
            throw ConfigError(path: "\(p.path).Delta_T",
                              problem: "(V_peak − V_th)/Delta_T must be < \(String(format: "%.1f", largestExponent)) or exp overflows at the spike, got \(formatNumber((p["V_peak"] - p["V_th"]) / p["Delta_T"])); increase Delta_T or lower V_peak")
        }
        try p.require("V_reset", below: "V_peak")
        let refractorySteps = try TimeGrid(dtMs: dtMs).checkedSteps(p["t_ref"], path: "\(p.path).t_ref")
        restingMV = p["E_L"]
        self.dtMs = dtMs
        kernel = snn_aeif(
            capacitance: p["C_m"], leak: p["g_L"], resting: p["E_L"], slope_factor: p["Delta_T"], threshold: p["V_th"],
            peak: p["V_peak"], spike_at: p["Delta_T"] > 0 ? p["V_peak"] : p["V_th"], reset: p["V_reset"],
            a: p["a"], b: p["b"], tau_w: p["tau_w"],
            excitatory_reversal: conductance ? p["E_ex"] : 0, inhibitory_reversal: conductance ? p["E_in"] : 0,
            tau_ex: p["tau_syn_ex"], tau_in: p["tau_syn_in"], constant_current: p["I_e"],
            tolerance: p["gsl_error_tol"], step: dtMs, refractory_steps: Int32(refractorySteps),
            conductance: conductance ? 1 : 0)
    }

    /// NEST's initial state: V_m = E_L, the first sub-step tried is dt, all else 0.
    func defaultInitialValue(of variable: Int) -> Double {
        switch variable {
        case 0: restingMV
        case 5: dtMs
        default: 0
        }
    }

    /// One clock step of neurons `range` (see `NeuronModel.update`).
    func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        withUnsafePointer(to: kernel) { kernel in
            snn_step_aeif(kernel, state, state + count, state + 2 * count, state + 3 * count, state + 4 * count,
                          state + 5 * count, refractory,
                          input.plane(Self.ports.excitatory, count: count), input.plane(Self.ports.inhibitory, count: count),
                          input.livePlane(Self.ports.current, count: count),
                          Int64(range.lowerBound), Int64(range.upperBound), fired)
        }
    }
}
