import CSNNKernels

/// Leaky integrate-and-fire neuron with exponentially decaying synaptic currents.
///
///     C_m dV/dt = −C_m (V − E_L)/τ_m + I_syn_ex + I_syn_in + I_e + I_stim     [mV, pA]
///     dI_syn_x/dt = −I_syn_x / τ_syn_x;  I_syn_x += w at spike arrival, port by the sign of w
///     V ≥ V_th → spike, V ← V_reset, clamped for t_ref (currents keep evolving)
///
/// Integrated exactly on the grid with the propagators of Rotter & Diesmann 1999 (`Propagators`; the loop is in
/// CSNNKernels/update_lif.c), in NEST's
/// step order: V advances with the currents of the previous step, then the currents decay and take this step's
/// input, so an input spike moves V from the next step on. Names, units and conventions follow NEST `iaf_psc_exp`.
/// Checked by IafPscExpTests (closed-form PSP and f–I curve) and models/nest/iaf_psc_exp_*.csv.
public struct IafPscExp: NeuronModel {
    public static let name = "iaf_psc_exp"
    public static let summary = "LIF with exponential current synapses, exact integration (NEST iaf_psc_exp)"
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("C_m", unit: "pF", default: 250, .positive, "Membrane capacitance"),
        ParameterSpec("tau_m", unit: "ms", default: 10, .positive, "Membrane time constant"),
        ParameterSpec("E_L", unit: "mV", default: -70, "Resting potential"),
        ParameterSpec("V_th", unit: "mV", default: -55, "Spike threshold"),
        ParameterSpec("V_reset", unit: "mV", default: -70, "Reset potential"),
        ParameterSpec("t_ref", unit: "ms", default: 2, .nonNegative, "Absolute refractory period"),
        ParameterSpec("I_e", unit: "pA", default: 0, "Constant external current"),
        ParameterSpec("tau_syn_ex", unit: "ms", default: 2, .positive, "Excitatory synaptic time constant"),
        ParameterSpec("tau_syn_in", unit: "ms", default: 2, .positive, "Inhibitory synaptic time constant"),
    ]
    public static let stateVariables = [
        StateVariableSpec("V_m", unit: "mV", "Membrane potential"),
        StateVariableSpec("I_syn_ex", unit: "pA", "Excitatory synaptic current"),
        StateVariableSpec("I_syn_in", unit: "pA", "Inhibitory synaptic current (≤ 0)"),
        StateVariableSpec("I_stim", unit: "pA", "Current from generators, applied in the next step"),
    ]
    public static let ports = InputPorts(planes: 3, excitatory: 0, inhibitory: 1, current: 2)
    public static let stimulusVariable: Int? = 3

    /// `E_L` [mV].
    public var restingMV: Double
    /// Threshold, reset and refractory period on the grid.
    public var threshold: SpikeThreshold
    /// `I_e` [pA].
    public var constantCurrentPA: Double
    /// `tau_m` [ms].
    public let membraneTauMs: Double
    /// `C_m` [pF].
    public let capacitancePF: Double
    /// `tau_syn_ex` [ms].
    public let excitatoryTauMs: Double
    /// `tau_syn_in` [ms].
    public let inhibitoryTauMs: Double
    private var kernel: snn_iaf_psc_exp

    public init(_ p: ParameterValues, dtMs: Double) throws {
        threshold = try SpikeThreshold(p, dtMs: dtMs)
        restingMV = p["E_L"]
        constantCurrentPA = p["I_e"]
        let tauM = p["tau_m"], c = p["C_m"]
        membraneTauMs = tauM
        capacitancePF = c
        excitatoryTauMs = p["tau_syn_ex"]
        inhibitoryTauMs = p["tau_syn_in"]
        kernel = snn_iaf_psc_exp(
            resting: p["E_L"], membrane_decay: Propagators.decay(dtMs, tau: tauM),
            current_gain: Propagators.constantCurrent(dtMs, tauM: tauM, capacitance: c), constant_current: p["I_e"],
            excitatory_decay: Propagators.decay(dtMs, tau: p["tau_syn_ex"]),
            inhibitory_decay: Propagators.decay(dtMs, tau: p["tau_syn_in"]),
            excitatory_gain: Propagators.currentToVoltage(dtMs, tauSyn: p["tau_syn_ex"], tauM: tauM, capacitance: c),
            inhibitory_gain: Propagators.currentToVoltage(dtMs, tauSyn: p["tau_syn_in"], tauM: tauM, capacitance: c))
    }

    public func defaultInitialValue(of variable: Int) -> Double { variable == 0 ? restingMV : 0 }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        var rule = threshold.kernelRule
        return withUnsafePointer(to: kernel) { kernel in
            snn_step_iaf_psc_exp(kernel, &rule, state, state + count, state + 2 * count, state + 3 * count, refractory,
                                 input.plane(Self.ports.excitatory, count: count),
                                 input.plane(Self.ports.inhibitory, count: count),
                                 input.livePlane(Self.ports.current, count: count),
                                 Int64(range.lowerBound), Int64(range.upperBound), fired)
        }
    }
}
