/// Adaptive exponential integrate-and-fire neuron (AdEx; Brette & Gerstner 2005, J. Neurophysiol. 94:3637) with
/// exponentially decaying synaptic conductances, as NEST's `aeif_cond_exp` integrates it.
///
///     C_m dV/dt = −g_L (V − E_L) + g_L Δ_T exp((V − V_th)/Δ_T) − g_ex (V − E_ex) − g_in (V − E_in) − w + I_e + I_stim
///     τ_w dw/dt = a (V − E_L) − w                                                        [mV, ms, nS, pF, pA]
///     dg_x/dt = −g_x / τ_syn_x;  g_ex += w for w ≥ 0, g_in += −w for w < 0 after the step the spike arrives in
///     V ≥ V_peak (V_th when Δ_T = 0) → spike, V ← V_reset, w ← w + b, V held at V_reset for t_ref
///
/// In the right-hand side V is bounded by V_peak (by V_reset while refractory), as in NEST, so the exponential
/// stays finite within a trial step however fast V runs away. Scheme (CSNNKernels/update_aeif.c): per neuron,
/// adaptive Runge–Kutta–Fehlberg 4(5) sub-steps over each clock step with GSL's error control as NEST sets it
/// (`gsl_error_tol` both absolute and relative to h·|dy/dt|), the spike condition tested after each sub-step,
/// and the last proposed sub-step (`integration_step`) carried over; then this step's input is added. Names,
/// units, defaults, checks and step order follow NEST 3.10 (which stops a run when V < −1000 mV or |w| > 1e6 pA;
/// here the engine's finite-state check catches a divergence). Δ_T = 0 gives a LIF with adaptation and threshold
/// V_th. Checked by AeifCondExpTests against models/nest/aeif_cond_exp_*.csv and, for Δ_T = 0, a closed form.
public struct AeifCondExp: NeuronModel {
    public static let name = "aeif_cond_exp"
    public static let summary = "AdEx (Brette & Gerstner 2005) with exponential conductances, adaptive RKF45 (NEST aeif_cond_exp)"
    public static let parameters = AdEx.parameters(synapses: [
        ParameterSpec("E_ex", unit: "mV", default: 0, "Excitatory reversal potential"),
        ParameterSpec("E_in", unit: "mV", default: -85, "Inhibitory reversal potential"),
        ParameterSpec("tau_syn_ex", unit: "ms", default: 0.2, .positive, "Excitatory synaptic time constant"),
        ParameterSpec("tau_syn_in", unit: "ms", default: 2, .positive, "Inhibitory synaptic time constant"),
    ])
    public static let stateVariables = AdEx.stateVariables(synapses: [
        StateVariableSpec("g_ex", unit: "nS", "Excitatory conductance"),
        StateVariableSpec("g_in", unit: "nS", "Inhibitory conductance"),
    ])
    public static let ports = AdEx.ports
    public static let stimulusVariable: Int? = AdEx.stimulusVariable

    private let dynamics: AdEx

    public init(_ p: ParameterValues, dtMs: Double) throws {
        dynamics = try AdEx(p, dtMs: dtMs, conductance: true)
    }

    public func defaultInitialValue(of variable: Int) -> Double { dynamics.defaultInitialValue(of: variable) }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        dynamics.update(state: state, refractory: refractory, count: count, range: range, input: input, fired: fired)
    }
}
