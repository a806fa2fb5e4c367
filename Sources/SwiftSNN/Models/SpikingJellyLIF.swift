import CSNNKernels

/// SpikingJelly's `LIFNode` (`spikingjelly/activation_based/neuron/lif.py`, the charge of
/// `functional/neuron.py` `lif_charge` and the reset of `voltage_reset`; eval mode, where the surrogate is the
/// Heaviside step), in its dimensionless units, one SpikingJelly time step per simulator step. Per step:
///
///     H[t] = V[t−1] + (X[t] − (V[t−1] − V_reset))/τ       decay_input "true"
///     H[t] = V[t−1] − (V[t−1] − V_reset)/τ + X[t]         decay_input "false"
///     S[t] = [H[t] ≥ V_th]
///     V[t] = V_reset if S[t] else H[t]                     reset_mode "hard" (SpikingJelly's v_reset = V_reset)
///     V[t] = H[t] − S[t]·V_th                              "soft" (v_reset=None; the charge then uses 0 as V_reset)
///
/// X[t] is the sum of the weights of the spikes arriving in the step plus a generator's current (its amplitude as a
/// number), so weights trained in SpikingJelly are used unchanged. τ is in steps (SpikingJelly requires τ > 1): dt
/// only says how long a step lasts. A spike reaches the next layer after at least one step, where SpikingJelly feeds
/// it in the same step (see `SnnTorchLeaky`). Checked by SpikingJellyLIFTests against SpikingJelly's recurrence.
public struct SpikingJellyLIF: NeuronModel {
    /// What a spike does to V (SpikingJelly's `v_reset` given, or None).
    public enum ResetMode: String, CaseIterable, Sendable {
        /// V is set to V_reset.
        case hard
        /// V_th is subtracted (`v_reset=None`).
        case soft
    }

    public static let name = "spikingjelly_lif"
    public static let summary = "SpikingJelly LIFNode: H = V + (X − (V − V_reset))/τ, hard or soft reset (discrete time)"
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("tau", unit: "step", default: 2, .positive, "Membrane time constant τ in steps (> 1)"),
        ParameterSpec("decay_input", flag: true, "Whether the input is divided by τ"),
        ParameterSpec("v_threshold", unit: "1", default: 1, "Threshold V_th (a spike when H ≥ V_th)"),
        ParameterSpec("v_reset", unit: "1", default: 0, "Reset value V_reset (must be 0 with reset_mode soft)"),
        ParameterSpec("reset_mode", choices: ResetMode.allCases.map(\.rawValue), default: "hard",
                      "What a spike does to V (soft is SpikingJelly's v_reset=None)"),
    ]
    public static let stateVariables = [StateVariableSpec("V_m", unit: "1", "Membrane V (SpikingJelly's v)")]
    public static let ports = InputPorts(planes: 2, excitatory: 0, inhibitory: 0, current: 1)

    private let kernel: snn_spikingjelly_lif

    public init(_ p: ParameterValues, dtMs: Double) throws {
        guard p["tau"] > 1 else {
            throw ConfigError(path: "\(p.path).tau", problem: "must be > 1 (SpikingJelly's LIFNode requires it), got \(formatNumber(p["tau"]))")
        }
        let soft = p.choice("reset_mode", in: Self.parameters, as: ResetMode.self) == .soft
        if soft && p["v_reset"] != 0 {
            throw ConfigError(path: "\(p.path).v_reset",
                              problem: "must be 0 with reset_mode soft (SpikingJelly's v_reset=None charges towards 0), got \(formatNumber(p["v_reset"]))")
        }
        kernel = snn_spikingjelly_lif(tau: p["tau"], threshold: p["v_threshold"], reset: p["v_reset"],
                                      decay_input: p.flag("decay_input") ? 1 : 0,
                                      soft_reset: soft ? 1 : 0)
    }

    /// SpikingJelly's initial `v`: V_reset, which is 0 for the soft reset.
    public func defaultInitialValue(of variable: Int) -> Double { kernel.reset }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        withUnsafePointer(to: kernel) { kernel in
            snn_step_spikingjelly_lif(kernel, state, input.plane(Self.ports.excitatory, count: count),
                                      input.livePlane(Self.ports.current, count: count),
                                      Int64(range.lowerBound), Int64(range.upperBound), fired)
        }
    }
}
