/// Adaptive exponential integrate-and-fire neuron (AdEx; Brette & Gerstner 2005) with exponentially decaying
/// synaptic currents, as NEST's `aeif_psc_exp` integrates it: `aeif_cond_exp` with the synaptic term
/// −g_ex (V − E_ex) − g_in (V − E_in) replaced by I_syn_ex − I_syn_in [pA], where
///
///     dI_syn_x/dt = −I_syn_x / τ_syn_x;  I_syn_ex += w for w ≥ 0, I_syn_in += −w for w < 0 (so I_syn_in ≥ 0)
///
/// after the step the spike arrives in. Scheme, V_peak handling, names, units, defaults and checks are
/// `aeif_cond_exp`'s (see `AeifCondExp`; the same kernel, CSNNKernels/update_aeif.c). Checked by AeifPscExpTests
/// against models/nest/aeif_psc_exp_*.csv.
public struct AeifPscExp: NeuronModel {
    public static let name = "aeif_psc_exp"
    public static let summary = "AdEx (Brette & Gerstner 2005) with exponential currents, adaptive RKF45 (NEST aeif_psc_exp)"
    public static let parameters = AdEx.parameters(synapses: [
        ParameterSpec("tau_syn_ex", unit: "ms", default: 0.2, .positive, "Excitatory synaptic time constant"),
        ParameterSpec("tau_syn_in", unit: "ms", default: 2, .positive, "Inhibitory synaptic time constant"),
    ])
    public static let stateVariables = AdEx.stateVariables(synapses: [
        StateVariableSpec("I_syn_ex", unit: "pA", "Excitatory synaptic current"),
        StateVariableSpec("I_syn_in", unit: "pA", "Inhibitory synaptic current (≥ 0, subtracted, as NEST's)"),
    ])
    public static let ports = AdEx.ports
    public static let stimulusVariable: Int? = AdEx.stimulusVariable

    private let dynamics: AdEx

    public init(_ p: ParameterValues, dtMs: Double) throws {
        dynamics = try AdEx(p, dtMs: dtMs, conductance: false)
    }

    public func defaultInitialValue(of variable: Int) -> Double { dynamics.defaultInitialValue(of: variable) }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        dynamics.update(state: state, refractory: refractory, count: count, range: range, input: input, fired: fired)
    }
}
