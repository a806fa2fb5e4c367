import CSNNKernels
import Foundation

/// Leaky integrator with a multi-timescale adaptive threshold (MAT; Kobayashi, Tsubo & Shinomoto 2009, Front.
/// Comput. Neurosci. 3:9) and exponential current synapses, as NEST `mat2_psc_exp`.
///
///     C_m dV/dt = −C_m (V − E_L)/τ_m + I_syn_ex + I_syn_in + I_e + I_stim     [mV, pA]
///     dI_syn_x/dt = −I_syn_x/τ_syn_x;  I_syn_ex += w for w ≥ 0, I_syn_in += w for w < 0 at spike arrival   [pA]
///     V_th = ω + θ₁ + θ₂,  dθ_j/dt = −θ_j/τ_j     [mV]
///     V ≥ V_th and not refractory → spike, θ₁ += α₁, θ₂ += α₂, no spike test for t_ref; V is never reset
///
/// So t after a lone spike (from rest) the threshold is ω + α₁ e^{−t/τ₁} + α₂ e^{−t/τ₂}.
/// All of it is linear and integrated exactly on the grid (the propagators of `IafPscExp`; the loop is in
/// CSNNKernels/update_mat2.c), in NEST's step order: V advances with the currents of the previous step, then the
/// currents and θ decay, this step's input is added and the spike condition tested. Names, units and defaults
/// follow NEST; `omega` is absolute (−51 mV = E_L + 19 mV, as NEST's status reports it). NEST's checks: C_m > 0,
/// every time constant > 0, t_ref at least one step, τ_m different from both τ_syn. Checked by Mat2PscExpTests
/// (closed-form threshold and PSP) and models/nest/mat2_psc_exp_*.csv.
public struct Mat2PscExp: NeuronModel {
    public static let name = "mat2_psc_exp"
    public static let summary = "Leaky integrator with a two-timescale adaptive threshold, exact integration (NEST mat2_psc_exp)"
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("C_m", unit: "pF", default: 100, .positive, "Membrane capacitance"),
        ParameterSpec("E_L", unit: "mV", default: -70, "Resting potential"),
        ParameterSpec("I_e", unit: "pA", default: 0, "Constant external current"),
        ParameterSpec("tau_m", unit: "ms", default: 5, .positive, "Membrane time constant"),
        ParameterSpec("tau_syn_ex", unit: "ms", default: 1, .positive, "Excitatory synaptic current decay time"),
        ParameterSpec("tau_syn_in", unit: "ms", default: 3, .positive, "Inhibitory synaptic current decay time"),
        ParameterSpec("t_ref", unit: "ms", default: 2, .positive, "Time after a spike without a spike test"),
        ParameterSpec("alpha_1", unit: "mV", default: 37, "Jump of the fast threshold component at a spike"),
        ParameterSpec("alpha_2", unit: "mV", default: 2, "Jump of the slow threshold component at a spike"),
        ParameterSpec("tau_1", unit: "ms", default: 10, .positive, "Decay time of the fast threshold component"),
        ParameterSpec("tau_2", unit: "ms", default: 200, .positive, "Decay time of the slow threshold component"),
        ParameterSpec("omega", unit: "mV", default: -51, "Resting threshold (absolute)"),
    ]
    public static let stateVariables = [
        StateVariableSpec("V_m", unit: "mV", "Membrane potential"),
        StateVariableSpec("V_th", unit: "mV", "Threshold omega + V_th_alpha_1 + V_th_alpha_2, written every step"),
        StateVariableSpec("V_th_alpha_1", unit: "mV", "Fast threshold component (decays with tau_1)"),
        StateVariableSpec("V_th_alpha_2", unit: "mV", "Slow threshold component (decays with tau_2)"),
        StateVariableSpec("I_syn_ex", unit: "pA", "Excitatory synaptic current"),
        StateVariableSpec("I_syn_in", unit: "pA", "Inhibitory synaptic current (≤ 0)"),
        StateVariableSpec("I_stim", unit: "pA", "Current from generators, applied in the next step"),
    ]
    public static let ports = InputPorts(planes: 3, excitatory: 0, inhibitory: 1, current: 2)
    public static let stimulusVariable: Int? = 6

    /// `E_L` [mV].
    public var restingMV: Double
    /// `omega` [mV], absolute.
    public var restingThresholdMV: Double
    private var kernel: snn_mat2_psc_exp

    public init(_ p: ParameterValues, dtMs: Double) throws {
        let tauM = p["tau_m"], c = p["C_m"], tauEx = p["tau_syn_ex"], tauIn = p["tau_syn_in"]
        // NEST refuses equal membrane and synaptic time constants (its propagators are singular there).
        for key in ["tau_syn_ex", "tau_syn_in"] where p[key] == tauM {
            throw ConfigError(path: "\(p.path).\(key)", problem: "must differ from tau_m (\(formatNumber(tauM))), as NEST requires")
        }
        let refractorySteps = try TimeGrid(dtMs: dtMs).checkedSteps(p["t_ref"], path: "\(p.path).t_ref")
        guard refractorySteps >= 1 else {
            throw ConfigError(path: "\(p.path).t_ref", problem: "must be at least one step (\(formatNumber(dtMs)) ms), got \(formatNumber(p["t_ref"]))")
        }
        restingMV = p["E_L"]
        restingThresholdMV = p["omega"]
        kernel = snn_mat2_psc_exp(
            resting: restingMV, membrane_decay: Propagators.decay(dtMs, tau: tauM),
            current_gain: Propagators.constantCurrent(dtMs, tauM: tauM, capacitance: c), constant_current: p["I_e"],
            excitatory_decay: Propagators.decay(dtMs, tau: tauEx), inhibitory_decay: Propagators.decay(dtMs, tau: tauIn),
            excitatory_gain: Propagators.currentToVoltage(dtMs, tauSyn: tauEx, tauM: tauM, capacitance: c),
            inhibitory_gain: Propagators.currentToVoltage(dtMs, tauSyn: tauIn, tauM: tauM, capacitance: c),
            omega: restingThresholdMV - restingMV, fast_decay: Propagators.decay(dtMs, tau: p["tau_1"]),
            slow_decay: Propagators.decay(dtMs, tau: p["tau_2"]), fast_jump: p["alpha_1"], slow_jump: p["alpha_2"],
            refractory_steps: Int32(refractorySteps))
    }

    public func defaultInitialValue(of variable: Int) -> Double {
        switch variable {
        case 0: restingMV
        case 1: restingThresholdMV
        default: 0
        }
    }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        withUnsafePointer(to: kernel) { kernel in
            snn_step_mat2_psc_exp(kernel, state, state + count, state + 2 * count, state + 3 * count,
                                  state + 4 * count, state + 5 * count, state + 6 * count, refractory,
                                  input.plane(Self.ports.excitatory, count: count),
                                  input.plane(Self.ports.inhibitory, count: count),
                                  input.livePlane(Self.ports.current, count: count),
                                  Int64(range.lowerBound), Int64(range.upperBound), fired)
        }
    }
}
