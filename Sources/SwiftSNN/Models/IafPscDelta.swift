import CSNNKernels

/// Leaky integrate-and-fire neuron with delta synapses: an input spike makes V jump by its weight.
///
///     τ_m dV/dt = −(V − E_L) + R·(I_e + I_stim),   R = τ_m / C_m          [mV]
///     V ← V + w  at spike arrival (w in mV; the sign gives excitation or inhibition)
///     V ≥ V_th → spike, V ← V_reset, clamped for t_ref (inputs during that time are lost)
///
/// Integrated exactly on the grid (loop in CSNNKernels/update_lif.c): V(t+h) = E_L + e^{−h/τ_m}(V − E_L) + R(1 − e^{−h/τ_m})(I_e + I_stim) + Σw.
/// A current from a generator reaches V one step after it arrives, as in NEST. Names, units and step order
/// follow NEST `iaf_psc_delta`. Checked by IafPscDeltaTests (closed form) and models/nest/iaf_psc_delta_psp.csv.
public struct IafPscDelta: NeuronModel {
    public static let name = "iaf_psc_delta"
    public static let summary = "LIF with voltage-jump (delta) synapses, exact integration (NEST iaf_psc_delta)"
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("C_m", unit: "pF", default: 250, .positive, "Membrane capacitance"),
        ParameterSpec("tau_m", unit: "ms", default: 10, .positive, "Membrane time constant"),
        ParameterSpec("E_L", unit: "mV", default: -70, "Resting potential"),
        ParameterSpec("V_th", unit: "mV", default: -55, "Spike threshold"),
        ParameterSpec("V_reset", unit: "mV", default: -70, "Reset potential"),
        ParameterSpec("t_ref", unit: "ms", default: 2, .nonNegative, "Absolute refractory period"),
        ParameterSpec("I_e", unit: "pA", default: 0, "Constant external current"),
    ]
    public static let stateVariables = [
        StateVariableSpec("V_m", unit: "mV", "Membrane potential"),
        StateVariableSpec("I_stim", unit: "pA", "Current from generators, applied in the next step"),
    ]
    public static let ports = InputPorts(planes: 2, excitatory: 0, inhibitory: 0, current: 1)
    public static let stimulusVariable: Int? = 1

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
    private var kernel: snn_iaf_psc_delta

    public init(_ p: ParameterValues, dtMs: Double) throws {
        threshold = try SpikeThreshold(p, dtMs: dtMs)
        restingMV = p["E_L"]
        constantCurrentPA = p["I_e"]
        membraneTauMs = p["tau_m"]
        capacitancePF = p["C_m"]
        kernel = snn_iaf_psc_delta(resting: p["E_L"], membrane_decay: Propagators.decay(dtMs, tau: p["tau_m"]),
                                   current_gain: Propagators.constantCurrent(dtMs, tauM: p["tau_m"], capacitance: p["C_m"]),
                                   constant_current: p["I_e"])
    }

    public func defaultInitialValue(of variable: Int) -> Double { variable == 0 ? restingMV : 0 }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        var rule = threshold.kernelRule
        return withUnsafePointer(to: kernel) { kernel in
            snn_step_iaf_psc_delta(kernel, &rule, state, state + count, refractory,
                                   input.plane(Self.ports.excitatory, count: count),
                                   input.livePlane(Self.ports.current, count: count),
                                   Int64(range.lowerBound), Int64(range.upperBound), fired)
        }
    }
}
