import CSNNKernels
import Foundation

/// Leaky integrate-and-fire neuron with alpha-shaped synaptic conductances.
///
///     C_m dV/dt = −g_L (V − E_L) − g_ex (V − E_ex) − g_in (V − E_in) + I_e + I_stim     [mV, nS, pA]
///     dg_x/dt = dg_x − g_x/τ_syn_x,  d(dg_x)/dt = −dg_x/τ_syn_x     [nS, nS/ms]
///     dg_ex += (e/τ_syn_ex)·w for w ≥ 0, dg_in += (e/τ_syn_in)·(−w) for w < 0 at spike arrival
///     V ≥ V_th → spike, V ← V_reset, held there for t_ref
///
/// A spike of weight |w| [nS] thus gives the conductance |w|·(t/τ_syn)·e^{1 − t/τ_syn}, peaking at |w| after τ_syn.
/// Scheme: `IafCondExp`'s, the conductances exact ((g₀ + s·dg₀)·e^{−s/τ}) at t, t + h/2 and t + h and classical
/// RK4 for V (loop in CSNNKernels/update_lif.c), on n = ⌈4·dt/min(τ_syn_ex, τ_syn_in)⌉ sub-steps of h = dt/n, so
/// that h ≤ τ/4: the alpha rise is stiffer than an exponential decay (its 4th derivative starts 4× larger), and one
/// step of 0.1 ms with τ_syn_ex = 0.2 ms would leave a 5 nS PSP (peak 0.70 mV) 4.5e-5 mV from the exact solution,
/// eight times NEST's own error (5.5e-6 mV, models/nest/README.md). With NEST's defaults at dt = 0.1 ms, n = 2
/// and the error is 2.9e-6 mV (3e-10 mV for an inhibitory PSP); it falls as h⁴.
/// NEST `iaf_cond_alpha` integrates the same equations with GSL's adaptive RKF45; names, units, defaults and step
/// order (integrate, then refractoriness/threshold, then add this step's input) follow it. Checked by
/// IafCondAlphaTests (conductance and PSP against closed forms and quadrature) and models/nest/iaf_cond_alpha_*.csv.
public struct IafCondAlpha: NeuronModel {
    public static let name = "iaf_cond_alpha"
    public static let summary = "LIF with alpha-shaped conductance synapses, RK4 with exact conductances (NEST iaf_cond_alpha)"
    public static let parameters: [ParameterSpec] = IafCondExp.parameters.map { spec in
        switch spec.key {
        case "tau_syn_ex": ParameterSpec("tau_syn_ex", unit: "ms", default: 0.2, .positive, "Rise time of the excitatory alpha conductance")
        case "tau_syn_in": ParameterSpec("tau_syn_in", unit: "ms", default: 2, .positive, "Rise time of the inhibitory alpha conductance")
        default: spec
        }
    }
    public static let stateVariables = [
        StateVariableSpec("V_m", unit: "mV", "Membrane potential"),
        StateVariableSpec("g_ex", unit: "nS", "Excitatory conductance"),
        StateVariableSpec("dg_ex", unit: "nS/ms", "Derivative term of the excitatory alpha conductance"),
        StateVariableSpec("g_in", unit: "nS", "Inhibitory conductance"),
        StateVariableSpec("dg_in", unit: "nS/ms", "Derivative term of the inhibitory alpha conductance"),
        StateVariableSpec("I_stim", unit: "pA", "Current from generators, applied in the next step"),
    ]
    public static let ports = InputPorts(planes: 3, excitatory: 0, inhibitory: 1, current: 2)
    public static let stimulusVariable: Int? = 5

    /// `E_L` [mV].
    public var restingMV: Double
    /// Threshold, reset and refractory period on the grid.
    public var threshold: SpikeThreshold
    private var kernel: snn_iaf_cond_alpha

    public init(_ p: ParameterValues, dtMs: Double) throws {
        threshold = try SpikeThreshold(p, dtMs: dtMs)
        restingMV = p["E_L"]
        let tauEx = p["tau_syn_ex"], tauIn = p["tau_syn_in"]
        let substeps = Self.substeps(dtMs: dtMs, tauSyn: min(tauEx, tauIn)), h = dtMs / Double(substeps)
        kernel = snn_iaf_cond_alpha(
            membrane: IafCondExp.membraneKernel(p, dtMs: h),
            excitatory_decay: Propagators.decay(h, tau: tauEx), inhibitory_decay: Propagators.decay(h, tau: tauIn),
            excitatory_jump: M_E / tauEx, inhibitory_jump: M_E / tauIn, substeps: Int32(substeps))
    }

    /// RK4 sub-steps per step of `dtMs`: the fewest that make each at most τ_syn/4 (at most 2³⁰, which a step of
    /// 10⁹ τ_syn would need).
    static func substeps(dtMs: Double, tauSyn: Double) -> Int { Int(min((4 * dtMs / tauSyn).rounded(.up), Double(1 << 30))) }

    public func defaultInitialValue(of variable: Int) -> Double { variable == 0 ? restingMV : 0 }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        var rule = threshold.kernelRule
        return withUnsafePointer(to: kernel) { kernel in
            snn_step_iaf_cond_alpha(kernel, &rule, state, state + count, state + 2 * count, state + 3 * count,
                                    state + 4 * count, state + 5 * count, refractory,
                                    input.plane(Self.ports.excitatory, count: count),
                                    input.plane(Self.ports.inhibitory, count: count),
                                    input.livePlane(Self.ports.current, count: count),
                                    Int64(range.lowerBound), Int64(range.upperBound), fired)
        }
    }
}
