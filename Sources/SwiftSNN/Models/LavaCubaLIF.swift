import CSNNKernels

/// Lava's current-based LIF in floating point (lava-nc/lava, `src/lava/proc/lif/models.py`, `PyLifModelFloat`),
/// the discrete form NIR's `CubaLIF` takes on Loihi, one Lava time step per simulator step. Per step, in Lava's order:
///
///     u[t] = u[t−1](1 − du) + a_in[t]
///     v[t] = v[t−1](1 − dv) + u[t] + bias_mant
///     s[t] = [v[t] > vth];  v[t] ← 0 where s[t]
///
/// a_in[t] is the sum of the weights of the spikes arriving in the step plus a generator's current (its amplitude as
/// a number), so a Lava `Dense` weight matrix is used unchanged. du and dv are per step: dt only says how long a
/// step lasts. Lava's `Dense` delivers a spike one step after it is sent, as a delay of one step here.
///
/// NIR's `CubaLIF` is continuous: τ_syn dI/dt = −I + w_in·S, τ_mem dv/dt = v_leak − v + R·I, v > v_threshold →
/// v ← v_reset. NIR's Lava conversion (NIR `docs/source/examples/lava/nir_to_lava.py`) maps it onto this recurrence
/// with du = dt/τ_syn, dv = dt/τ_mem, vth = v_threshold and weights scaled by w_in·dt/τ_syn, and accepts only
/// v_leak = 0 and R = τ_mem/dt, with v_reset 0: NIR's equations stepped by forward Euler with u = I, except that v
/// takes the current of the same step, as Lava does. NIR graphs are run here through that mapping. Checked by LavaCubaLIFTests against Lava's recurrence.
public struct LavaCubaLIF: NeuronModel {
    public static let name = "lava_cuba_lif"
    public static let summary = "Lava/NIR CUBA LIF: u ← u(1−du) + a_in, v ← v(1−dv) + u + bias, v > vth → 0 (discrete time)"
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("du", unit: "1", default: 0, .probability, "Current decay per step (dt/τ_syn in NIR)"),
        ParameterSpec("dv", unit: "1", default: 0, .probability, "Voltage decay per step (dt/τ_mem in NIR)"),
        ParameterSpec("vth", unit: "1", default: 10, "Threshold (a spike when v > vth)"),
        ParameterSpec("bias_mant", unit: "1", default: 0, "Bias added to v every step"),
    ]
    public static let stateVariables = [
        StateVariableSpec("V_m", unit: "1", "Voltage v"),
        StateVariableSpec("I_syn", unit: "1", "Current u"),
    ]
    public static let ports = InputPorts(planes: 2, excitatory: 0, inhibitory: 0, current: 1)

    private let kernel: snn_cuba_lif

    public init(_ p: ParameterValues, dtMs: Double) throws {
        kernel = snn_cuba_lif(current_keep: 1 - p["du"], voltage_keep: 1 - p["dv"], threshold: p["vth"], bias: p["bias_mant"])
    }

    public func defaultInitialValue(of variable: Int) -> Double { 0 }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        withUnsafePointer(to: kernel) { kernel in
            snn_step_cuba_lif(kernel, state + count, state, input.plane(Self.ports.excitatory, count: count),
                              input.livePlane(Self.ports.current, count: count),
                              Int64(range.lowerBound), Int64(range.upperBound), fired)
        }
    }
}
