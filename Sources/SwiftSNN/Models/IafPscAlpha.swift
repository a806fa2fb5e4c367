import CSNNKernels
import Foundation

/// Leaky integrate-and-fire neuron with alpha-shaped synaptic currents.
///
///     C_m dV/dt = −C_m (V − E_L)/τ_m + I_syn_ex + I_syn_in + I_e + I_stim     [mV, pA]
///     dI_syn_x/dt = dI_syn_x − I_syn_x/τ_syn_x,  d(dI_syn_x)/dt = −dI_syn_x/τ_syn_x     [pA, pA/ms]
///     dI_syn_x += (e/τ_syn_x)·w at spike arrival, port by the sign of w
///     V ≥ V_th → spike, V ← V_reset, clamped for t_ref (currents keep evolving); V never below V_min
///
/// A spike of weight w [pA] thus gives the current w·(t/τ_syn)·e^{1 − t/τ_syn}, peaking at w after τ_syn.
/// Integrated exactly on the grid with the propagators of Rotter & Diesmann 1999 (`Propagators`; the loop is in
/// CSNNKernels/update_lif.c), in NEST's step order: V advances with the currents of the previous step and is
/// bounded below by V_min, then the currents advance and take this step's input, so an input spike moves V from
/// the next step on. Names, units, defaults and conventions follow NEST `iaf_psc_alpha`; its default V_min, −∞,
/// is −1.8e308 here, as configs hold finite numbers only. Checked by IafPscAlphaTests (closed-form PSP, its peak)
/// and models/nest/iaf_psc_alpha_*.csv.
public struct IafPscAlpha: NeuronModel {
    public static let name = "iaf_psc_alpha"
    public static let summary = "LIF with alpha-shaped current synapses, exact integration (NEST iaf_psc_alpha)"
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("C_m", unit: "pF", default: 250, .positive, "Membrane capacitance"),
        ParameterSpec("tau_m", unit: "ms", default: 10, .positive, "Membrane time constant"),
        ParameterSpec("E_L", unit: "mV", default: -70, "Resting potential"),
        ParameterSpec("V_th", unit: "mV", default: -55, "Spike threshold"),
        ParameterSpec("V_reset", unit: "mV", default: -70, "Reset potential"),
        ParameterSpec("V_min", unit: "mV", default: -Double.greatestFiniteMagnitude, "Lower bound of the membrane potential"),
        ParameterSpec("t_ref", unit: "ms", default: 2, .nonNegative, "Absolute refractory period"),
        ParameterSpec("I_e", unit: "pA", default: 0, "Constant external current"),
        ParameterSpec("tau_syn_ex", unit: "ms", default: 2, .positive, "Rise time of the excitatory alpha current"),
        ParameterSpec("tau_syn_in", unit: "ms", default: 2, .positive, "Rise time of the inhibitory alpha current"),
    ]
    public static let stateVariables = [
        StateVariableSpec("V_m", unit: "mV", "Membrane potential"),
        StateVariableSpec("I_syn_ex", unit: "pA", "Excitatory synaptic current"),
        StateVariableSpec("I_syn_in", unit: "pA", "Inhibitory synaptic current (≤ 0)"),
        StateVariableSpec("dI_syn_ex", unit: "pA/ms", "Derivative term of the excitatory alpha current (NEST's dI_ex)"),
        StateVariableSpec("dI_syn_in", unit: "pA/ms", "Derivative term of the inhibitory alpha current (NEST's dI_in)"),
        StateVariableSpec("I_stim", unit: "pA", "Current from generators, applied in the next step"),
    ]
    public static let ports = InputPorts(planes: 3, excitatory: 0, inhibitory: 1, current: 2)
    public static let stimulusVariable: Int? = 5

    /// `E_L` [mV].
    public var restingMV: Double
    /// Threshold, reset and refractory period on the grid.
    public var threshold: SpikeThreshold
    /// `V_min` [mV].
    public var lowerBoundMV: Double
    /// `I_e` [pA].
    public var constantCurrentPA: Double
    private var kernel: snn_iaf_psc_alpha

    public init(_ p: ParameterValues, dtMs: Double) throws {
        threshold = try SpikeThreshold(p, dtMs: dtMs)
        restingMV = p["E_L"]
        lowerBoundMV = p["V_min"]
        constantCurrentPA = p["I_e"]
        let tauM = p["tau_m"], c = p["C_m"], tauEx = p["tau_syn_ex"], tauIn = p["tau_syn_in"]
        kernel = snn_iaf_psc_alpha(
            resting: restingMV, membrane_decay: Propagators.decay(dtMs, tau: tauM),
            current_gain: Propagators.constantCurrent(dtMs, tauM: tauM, capacitance: c),
            constant_current: constantCurrentPA, lower_bound: lowerBoundMV,
            excitatory_decay: Propagators.decay(dtMs, tau: tauEx), inhibitory_decay: Propagators.decay(dtMs, tau: tauIn),
            excitatory_lag: dtMs * Propagators.decay(dtMs, tau: tauEx),
            inhibitory_lag: dtMs * Propagators.decay(dtMs, tau: tauIn),
            excitatory_jump: M_E / tauEx, inhibitory_jump: M_E / tauIn,
            excitatory_rise_gain: Propagators.alphaToVoltage(dtMs, tauSyn: tauEx, tauM: tauM, capacitance: c),
            inhibitory_rise_gain: Propagators.alphaToVoltage(dtMs, tauSyn: tauIn, tauM: tauM, capacitance: c),
            excitatory_gain: Propagators.currentToVoltage(dtMs, tauSyn: tauEx, tauM: tauM, capacitance: c),
            inhibitory_gain: Propagators.currentToVoltage(dtMs, tauSyn: tauIn, tauM: tauM, capacitance: c))
    }

    public func defaultInitialValue(of variable: Int) -> Double { variable == 0 ? restingMV : 0 }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        var rule = threshold.kernelRule
        return withUnsafePointer(to: kernel) { kernel in
            snn_step_iaf_psc_alpha(kernel, &rule, state, state + count, state + 2 * count, state + 3 * count,
                                   state + 4 * count, state + 5 * count, refractory,
                                   input.plane(Self.ports.excitatory, count: count),
                                   input.plane(Self.ports.inhibitory, count: count),
                                   input.livePlane(Self.ports.current, count: count),
                                   Int64(range.lowerBound), Int64(range.upperBound), fired)
        }
    }
}
