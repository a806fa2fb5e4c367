/// PyNN's standard cells that have a NEST model here, with the parameter tables of pyNN/standardmodels/cells.py
/// and the translations of pyNN/nest/standardmodels/cells.py (PyNN 0.12). PyNN's units: cm in nF (C_m = 1000 cm
/// pF), i_offset in nA (I_e = 1000 i_offset pA), times in ms, potentials in mV.

/// The parameters the integrate-and-fire cells share, with PyNN's defaults except the synaptic time constants.
private func integrateAndFireParameters(tauSyn: Double, synapse: String) -> [ParameterSpec] {
    [
        ParameterSpec("cm", unit: "nF", default: 1, .positive, "Membrane capacitance"),
        ParameterSpec("tau_m", unit: "ms", default: 20, .positive, "Membrane time constant"),
        ParameterSpec("v_rest", unit: "mV", default: -65, "Resting potential"),
        ParameterSpec("v_thresh", unit: "mV", default: -50, "Spike threshold"),
        ParameterSpec("v_reset", unit: "mV", default: -65, "Reset potential"),
        ParameterSpec("tau_refrac", unit: "ms", default: 0.1, .nonNegative, "Refractory period"),
        ParameterSpec("i_offset", unit: "nA", default: 0, "Constant current"),
        ParameterSpec("tau_syn_E", unit: "ms", default: tauSyn, .positive, "Excitatory synaptic \(synapse)"),
        ParameterSpec("tau_syn_I", unit: "ms", default: tauSyn, .positive, "Inhibitory synaptic \(synapse)"),
    ]
}

/// PyNN's translations of the parameters the integrate-and-fire cells share, except `tau_m`.
private let integrateAndFireTranslations = [
    PyNNTranslation("cm", "C_m", scale: 1000), PyNNTranslation("v_rest", "E_L"), PyNNTranslation("v_thresh", "V_th"),
    PyNNTranslation("v_reset", "V_reset"), PyNNTranslation("tau_refrac", "t_ref"),
    PyNNTranslation("i_offset", "I_e", scale: 1000), PyNNTranslation("tau_syn_E", "tau_syn_ex"),
    PyNNTranslation("tau_syn_I", "tau_syn_in"),
]

/// PyNN's integrate-and-fire cells: what they share beyond their parameter tables.
public protocol PyNNIntegrateAndFireCell: PyNNCellType {}

extension PyNNIntegrateAndFireCell {
    /// PyNN starts every integrate-and-fire cell at v = −65 mV, whatever v_rest is.
    public static var initialValues: [String: Double] { ["V_m": -65] }
    /// PyNN's reset-below-threshold requirement in its own names.
    public static func check(_ parameters: ParameterValues) throws { try parameters.require("v_reset", below: "v_thresh") }
}

/// PyNN's `IF_curr_exp`, run as `iaf_psc_exp`.
public enum IFCurrExp: PyNNIntegrateAndFireCell {
    public typealias Target = IafPscExp
    public static let name = "IF_curr_exp"
    public static let parameters = integrateAndFireParameters(tauSyn: 5, synapse: "current decay time")
    public static let translations = integrateAndFireTranslations + [PyNNTranslation("tau_m", "tau_m")]
}

/// PyNN's `IF_curr_alpha`, run as `iaf_psc_alpha`.
public enum IFCurrAlpha: PyNNIntegrateAndFireCell {
    public typealias Target = IafPscAlpha
    public static let name = "IF_curr_alpha"
    public static let parameters = integrateAndFireParameters(tauSyn: 0.5, synapse: "alpha current rise time")
    public static let translations = integrateAndFireTranslations + [PyNNTranslation("tau_m", "tau_m")]
}

/// The reversal potentials of PyNN's conductance-based cells, with PyNN's defaults.
private let reversalParameters = [
    ParameterSpec("e_rev_E", unit: "mV", default: 0, "Excitatory reversal potential"),
    ParameterSpec("e_rev_I", unit: "mV", default: -70, "Inhibitory reversal potential"),
]

/// PyNN's translations for its conductance-based cells: g_L = 1000 cm/tau_m nS and the reversal potentials.
private let conductanceTranslations = integrateAndFireTranslations + [
    PyNNTranslation("g_L", reportedAs: "tau_m") { 1000 * $0["cm"] / $0["tau_m"] },
    PyNNTranslation("e_rev_E", "E_ex"), PyNNTranslation("e_rev_I", "E_in"),
]

/// PyNN's `IF_cond_exp`, run as `iaf_cond_exp`: g_L = 1000 cm/tau_m nS.
public enum IFCondExp: PyNNIntegrateAndFireCell {
    public typealias Target = IafCondExp
    public static let name = "IF_cond_exp"
    public static let parameters = integrateAndFireParameters(tauSyn: 5, synapse: "conductance decay time")
        + reversalParameters
    public static let translations = conductanceTranslations
}

/// PyNN's `IF_cond_alpha`, run as `iaf_cond_alpha`: g_L = 1000 cm/tau_m nS; PyNN's τ_syn are 0.3 ms (E) and
/// 0.5 ms (I), set apart below since the shared table gives both one default.
public enum IFCondAlpha: PyNNIntegrateAndFireCell {
    public typealias Target = IafCondAlpha
    public static let name = "IF_cond_alpha"
    public static let parameters = integrateAndFireParameters(tauSyn: 0.3, synapse: "alpha conductance rise time")
        .map { $0.key == "tau_syn_I" ? ParameterSpec("tau_syn_I", unit: "ms", default: 0.5, .positive, $0.summary) : $0 }
        + reversalParameters
    public static let translations = conductanceTranslations
}

/// PyNN's `Izhikevich`, run as `izhikevich` (PyNN's d is 2 mV where NEST's is 8; V_th stays NEST's 30 mV).
public enum IzhikevichCell: PyNNCellType {
    public typealias Target = Izhikevich
    public static let name = "Izhikevich"
    public static let parameters = [
        ParameterSpec("a", unit: "1/ms", default: 0.02, "Rate of the recovery variable u"),
        ParameterSpec("b", unit: "1/ms", default: 0.2, "Sensitivity of u to v"),
        ParameterSpec("c", unit: "mV", default: -65, "Reset value of v after a spike"),
        ParameterSpec("d", unit: "mV/ms", default: 2, "Increment of u at a spike"),
        ParameterSpec("i_offset", unit: "nA", default: 0, "Constant current"),
    ]
    public static let translations = [
        PyNNTranslation("a", "a"), PyNNTranslation("b", "b"), PyNNTranslation("c", "c"), PyNNTranslation("d", "d"),
        PyNNTranslation("i_offset", "I_e", scale: 1000),
    ]
    public static let initialValues = ["V_m": -70.0, "U_m": -14.0]
    public static let perNeuronParameters = Izhikevich.perNeuronParameters
}

/// PyNN's `EIF_cond_exp_isfa_ista`, run as `aeif_cond_exp`: g_L = 1000 cm/tau_m nS, b in nA (PyNN's defaults
/// differ from NEST's: V_peak −40 mV, V_reset −70.6 mV, t_ref 0.1 ms, τ_syn 5 ms, E_in −80 mV).
public enum EIFCondExpIsfaIsta: PyNNCellType {
    public typealias Target = AeifCondExp
    public static let name = "EIF_cond_exp_isfa_ista"
    public static let parameters = [
        ParameterSpec("cm", unit: "nF", default: 0.281, .positive, "Membrane capacitance"),
        ParameterSpec("tau_refrac", unit: "ms", default: 0.1, .nonNegative, "Refractory period"),
        ParameterSpec("v_spike", unit: "mV", default: -40, "Spike detection threshold"),
        ParameterSpec("v_reset", unit: "mV", default: -70.6, "Reset potential"),
        ParameterSpec("v_rest", unit: "mV", default: -70.6, "Resting (leak reversal) potential"),
        ParameterSpec("tau_m", unit: "ms", default: 9.3667, .positive, "Membrane time constant"),
        ParameterSpec("i_offset", unit: "nA", default: 0, "Constant current"),
        ParameterSpec("a", unit: "nS", default: 4, "Subthreshold adaptation"),
        ParameterSpec("b", unit: "nA", default: 0.0805, "Spike-triggered adaptation"),
        ParameterSpec("delta_T", unit: "mV", default: 2, .nonNegative, "Slope factor"),
        ParameterSpec("tau_w", unit: "ms", default: 144, .positive, "Adaptation time constant"),
        ParameterSpec("v_thresh", unit: "mV", default: -50.4, "Spike initiation threshold"),
        ParameterSpec("e_rev_E", unit: "mV", default: 0, "Excitatory reversal potential"),
        ParameterSpec("tau_syn_E", unit: "ms", default: 5, .positive, "Excitatory synaptic conductance decay time"),
        ParameterSpec("e_rev_I", unit: "mV", default: -80, "Inhibitory reversal potential"),
        ParameterSpec("tau_syn_I", unit: "ms", default: 5, .positive, "Inhibitory synaptic conductance decay time"),
    ]
    public static let translations = [
        PyNNTranslation("cm", "C_m", scale: 1000), PyNNTranslation("tau_refrac", "t_ref"),
        PyNNTranslation("v_spike", "V_peak"), PyNNTranslation("v_reset", "V_reset"), PyNNTranslation("v_rest", "E_L"),
        PyNNTranslation("g_L", reportedAs: "tau_m") { 1000 * $0["cm"] / $0["tau_m"] },
        PyNNTranslation("i_offset", "I_e", scale: 1000), PyNNTranslation("a", "a"),
        PyNNTranslation("b", "b", scale: 1000), PyNNTranslation("delta_T", "Delta_T"), PyNNTranslation("tau_w", "tau_w"),
        PyNNTranslation("v_thresh", "V_th"), PyNNTranslation("e_rev_E", "E_ex"), PyNNTranslation("tau_syn_E", "tau_syn_ex"),
        PyNNTranslation("e_rev_I", "E_in"), PyNNTranslation("tau_syn_I", "tau_syn_in"),
    ]
    /// PyNN starts v at −70.6 mV whatever v_rest is.
    public static let initialValues = ["V_m": -70.6]
    /// NEST's reset-below-peak requirement in PyNN's names.
    public static func check(_ parameters: ParameterValues) throws { try parameters.require("v_reset", below: "v_spike") }
}
