import Foundation

/// A non-spiking readout: the output layer of DCLS (Hammouamri et al. 2024, LIF with an unreachable threshold) and of
/// HD-SNN-style classifiers, whose membrane trace is the network's output. Per step of dt, exact for delta inputs:
///
///     V_m ← V_m·e^(−dt/τ_m) + Σ w          (never fires; a current generator adds current × weight)
///
/// `tau_m` = 0 means no leak: V_m ← V_m + Σ w, a running sum.
public struct ReadoutIntegrator: NeuronModel {
    public static let name = "readout_integrator"
    public static let summary = "non-spiking leaky (or, with tau_m 0, perfect) integrator whose V_m is the readout"
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("tau_m", unit: "ms", default: 10, .nonNegative, "Leak time constant τ_m; 0: no leak"),
    ]
    public static let stateVariables = [StateVariableSpec("V_m", unit: "1", "Integrated input")]
    public static let ports = InputPorts(planes: 1, excitatory: 0, inhibitory: 0, current: 0)

    /// e^(−dt/τ_m), or 1 without leak.
    let decay: Double

    public init(_ p: ParameterValues, dtMs: Double) throws {
        decay = p["tau_m"] == 0 ? 1 : exp(-dtMs / p["tau_m"])
    }

    public func defaultInitialValue(of variable: Int) -> Double { 0 }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        let v = state, arrivals = input.plane(Self.ports.excitatory, count: count)
        for i in range {
            v[i] = v[i] * decay + arrivals[i]
            arrivals[i] = 0
        }
        return 0
    }
}
