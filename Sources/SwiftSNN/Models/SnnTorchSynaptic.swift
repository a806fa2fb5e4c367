import CSNNKernels

/// snnTorch's second-order `Synaptic` neuron, current-based (snntorch 0.9.4, `snntorch/_neurons/synaptic.py`), in its
/// dimensionless units, one snnTorch time step per simulator step. Per step, in snnTorch's order (its default
/// `reset_delay=True`; "false" adds `SnnTorchLeaky`'s immediate reset):
///
///     R       = [U[t−1] > θ]                   from the previous membrane
///     I_syn[t] = αI_syn[t−1] + I[t]            never reset
///     U[t]    = βU[t−1] + I_syn[t] − Rθ        reset_mechanism "subtract"
///     U[t]    = (1 − R)(βU[t−1] + I_syn[t])    "zero" (unlike `Leaky`, the new membrane is cleared)
///     U[t]    = βU[t−1] + I_syn[t]             "none"
///     S[t]    = [U[t] > θ]
///
/// I[t], dt and the delay to the next layer are as for `SnnTorchLeaky`. Checked by SnnTorchSynapticTests.
public struct SnnTorchSynaptic: NeuronModel {
    public static let name = "snntorch_synaptic"
    public static let summary = "snnTorch Synaptic: I ← αI + input, U ← βU + I − Rθ (discrete-time current LIF)"
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("alpha", unit: "1", default: 0.8, .probability, "Synaptic current decay per step α"),
        ParameterSpec("beta", unit: "1", default: 0.9, .probability, "Membrane decay per step β"),
        ParameterSpec("threshold", unit: "1", default: 1, "Threshold θ (a spike when U > θ)"),
        ParameterSpec("reset_mechanism", choices: SnnTorchLeaky.ResetMechanism.allCases.map(\.rawValue),
                      default: "subtract", "What a spike does to U in the next step"),
        ParameterSpec("reset_delay", flag: true, "Whether a spike resets U only in the next step (snnTorch's default)"),
    ]
    public static let stateVariables = [
        StateVariableSpec("V_m", unit: "1", "Membrane U (snnTorch's mem)"),
        StateVariableSpec("I_syn", unit: "1", "Synaptic current (snnTorch's syn)"),
    ]
    public static let ports = InputPorts(planes: 2, excitatory: 0, inhibitory: 0, current: 1)

    private let kernel: snn_snntorch

    public init(_ p: ParameterValues, dtMs: Double) throws {
        kernel = snn_snntorch(alpha: p["alpha"], beta: p["beta"], threshold: p["threshold"],
                              mechanism: p.choice("reset_mechanism", in: Self.parameters, as: SnnTorchLeaky.ResetMechanism.self).kernelValue,
                              reset_delay: p.flag("reset_delay") ? 1 : 0)
    }

    public func defaultInitialValue(of variable: Int) -> Double { 0 }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        withUnsafePointer(to: kernel) { kernel in
            snn_step_snntorch_synaptic(kernel, state + count, state, input.plane(Self.ports.excitatory, count: count),
                                       input.livePlane(Self.ports.current, count: count),
                                       Int64(range.lowerBound), Int64(range.upperBound), fired)
        }
    }
}
