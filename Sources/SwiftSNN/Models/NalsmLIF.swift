import Foundation

/// The discrete-time current-based LIF neuron of NALSM (Ivanov & Michmizos, NeurIPS 2021; reference code
/// combra-lab/NALSM, `NALSM_LIF_v1.py`), in its units (V is dimensionless, threshold 20). Per step of dt:
///
///     I_syn ← I_syn + (dt/τ_u)·Σw                 spikes arriving in the step
///     V     ← V + I_syn + I_ext + b − V·dt/τ_v     forward Euler on the pre-update V
///     I_syn ← I_syn·e^(−dt/τ_u)
///     V ≥ V_th and not refractory → spike, V ← V_reset, refractory for t_ref
///
/// I_ext is the step's current input (a `dc_generator`, taken in the step it arrives, as NALSM adds its input
/// current). During the refractory period V keeps integrating; only spiking is blocked (NALSM does not clamp V).
/// At dt = 1 ms this is NALSM's step: a spike that crosses threshold in one step is NALSM's spike register of the
/// next, so a spike reaches its targets' V one step later, as there; with τ_u = 1 ms the kernel injects w, w/e,
/// w/e², … over the steps after the arrival. NALSM's synapses keep only each source's latest spike; this kernel
/// adds overlapping ones, which differs by at most e^(−3) ≈ 5 % of one PSC for a source whose spikes are at least
/// three steps apart (t_ref 2 ms). Names: `tau_v`, `tau_u`, `V_th`, `V_reset`, `b`, `t_ref` as in NALSM's code.
public struct NalsmLIF: NeuronModel {
    public static let name = "nalsm_lif"
    public static let summary = "NALSM's discrete-time current LIF: Euler leak, unclamped refractoriness (Ivanov & Michmizos 2021)"
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("tau_v", unit: "ms", default: 64, .positive, "Membrane time constant τ_v"),
        ParameterSpec("tau_u", unit: "ms", default: 1, .positive, "Synaptic current time constant τ_u"),
        ParameterSpec("V_th", unit: "1", default: 20, "Spike threshold"),
        ParameterSpec("V_reset", unit: "1", default: 0, "Reset value"),
        ParameterSpec("b", unit: "1", default: 0, "Bias added every step"),
        ParameterSpec("t_ref", unit: "ms", default: 2, .nonNegative, "Refractory period: no spike for this long after one"),
    ]
    public static let stateVariables = [
        StateVariableSpec("V_m", unit: "1", "Membrane variable V"),
        StateVariableSpec("I_syn", unit: "1", "Synaptic current added to V each step"),
    ]
    public static let ports = InputPorts(planes: 2, excitatory: 0, inhibitory: 0, current: 1)

    /// dt/τ_v.
    let leak: Double
    /// dt/τ_u.
    let injection: Double
    /// e^(−dt/τ_u).
    let synapticDecay: Double
    let threshold: Double
    let reset: Double
    let bias: Double
    /// `t_ref` in whole steps.
    let refractorySteps: Int32

    public init(_ p: ParameterValues, dtMs: Double) throws {
        leak = dtMs / p["tau_v"]
        injection = dtMs / p["tau_u"]
        synapticDecay = exp(-dtMs / p["tau_u"])
        threshold = p["V_th"]
        reset = p["V_reset"]
        bias = p["b"]
        refractorySteps = Int32(try TimeGrid(dtMs: dtMs).checkedSteps(p["t_ref"], path: "\(p.path).t_ref"))
    }

    public func defaultInitialValue(of variable: Int) -> Double { variable == 0 ? reset : 0 }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        let v = state, current = state + count
        let synaptic = input.plane(Self.ports.excitatory, count: count)
        let external = input.livePlane(Self.ports.current, count: count)
        var n = 0
        for i in range {
            current[i] += injection * synaptic[i]
            synaptic[i] = 0
            var drive = current[i] + bias
            if let external {
                drive += external[i]
                external[i] = 0
            }
            v[i] += drive - v[i] * leak
            current[i] *= synapticDecay
            if refractory[i] > 0 { refractory[i] -= 1 }
            if v[i] >= threshold && refractory[i] == 0 {
                v[i] = reset
                // Counted down before the test of each later step: t_ref steps blocked, as NALSM's `rfr ← 2`.
                refractory[i] = refractorySteps + 1
                fired[n] = Int32(i)
                n += 1
            }
        }
        return n
    }
}
