import CSNNKernels

/// snnTorch's first-order `Leaky` neuron (snntorch 0.9.4, `snntorch/_neurons/leaky.py`), in its dimensionless
/// units, one snnTorch time step per simulator step. Per step, in snnTorch's order (its default `reset_delay=True`):
///
///     R    = [U[t−1] > θ]                      from the previous membrane (snnTorch's `mem_reset`)
///     U[t] = βU[t−1] + I[t] − Rθ               reset_mechanism "subtract"
///     U[t] = β(1 − R)U[t−1] + I[t]             "zero": U is cleared before the decay, so a neuron that spiked
///                                              holds I[t] (the code; the docstring's (1 − R)(βU + I) differs)
///     U[t] = βU[t−1] + I[t]                    "none"
///     S[t] = [U[t] > θ]                        a spike of this step, its reset applied in the next one
///
/// With `reset_delay` "false" the spike also resets at once, by snnTorch's do_reset = S[t] − R: U[t] −= (S − R)θ
/// ("subtract") or U[t] −= (S − R)U[t] ("zero"), U[t] recorded after it (so R = 1, S = 0 adds θ back, as there).
///
/// I[t] is the sum of the weights of the spikes arriving in the step plus a generator's current (its amplitude as a
/// number), so a weight matrix trained in snnTorch (`nn.Linear` before the neuron) is used unchanged as the
/// projection's weights. β and θ are per step: dt only says how long a step lasts (delays, recording). A spike
/// reaches the next layer after a delay of at least one step, where snnTorch feeds it in the same step: a network of
/// L layers gives snnTorch's spikes L − 1 steps later. Checked by SnnTorchLeakyTests against snnTorch's recurrence.
public struct SnnTorchLeaky: NeuronModel {
    /// What a spike does to the membrane (snnTorch's `reset_mechanism`).
    public enum ResetMechanism: String, CaseIterable, Sendable {
        /// θ is subtracted in the step after the spike.
        case subtract
        /// The membrane is cleared in the step after the spike.
        case zero
        /// No reset.
        case none

        var kernelValue: Int32 {
            switch self {
            case .subtract: Int32(SNN_SNNTORCH_SUBTRACT)
            case .zero: Int32(SNN_SNNTORCH_ZERO)
            case .none: Int32(SNN_SNNTORCH_NONE)
            }
        }
    }

    public static let name = "snntorch_leaky"
    public static let summary = "snnTorch Leaky: U ← βU + I − Rθ, reset from the previous step (discrete time)"
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("beta", unit: "1", default: 0.9, .probability, "Membrane decay per step β"),
        ParameterSpec("threshold", unit: "1", default: 1, "Threshold θ (a spike when U > θ)"),
        ParameterSpec("reset_mechanism", choices: ResetMechanism.allCases.map(\.rawValue), default: "subtract",
                      "What a spike does to U in the next step"),
        ParameterSpec("reset_delay", flag: true, "Whether a spike resets U only in the next step (snnTorch's default)"),
    ]
    public static let stateVariables = [StateVariableSpec("V_m", unit: "1", "Membrane U (snnTorch's mem)")]
    public static let ports = InputPorts(planes: 2, excitatory: 0, inhibitory: 0, current: 1)

    private let kernel: snn_snntorch

    public init(_ p: ParameterValues, dtMs: Double) throws {
        kernel = snn_snntorch(alpha: 0, beta: p["beta"], threshold: p["threshold"],
                              mechanism: p.choice("reset_mechanism", in: Self.parameters, as: ResetMechanism.self).kernelValue,
                              reset_delay: p.flag("reset_delay") ? 1 : 0)
    }

    public func defaultInitialValue(of variable: Int) -> Double { 0 }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        withUnsafePointer(to: kernel) { kernel in
            snn_step_snntorch_leaky(kernel, state, input.plane(Self.ports.excitatory, count: count),
                                    input.livePlane(Self.ports.current, count: count),
                                    Int64(range.lowerBound), Int64(range.upperBound), fired)
        }
    }
}
