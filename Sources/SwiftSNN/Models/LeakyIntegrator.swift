import Foundation

/// A thresholded leaky integrator with time constant τ, the leaky detector of HD-SNN-style readouts, in the units
/// of its weights. Per step of dt, exact for instantaneous (delta) inputs:
///
///     V_m ← V_m·e^(−dt/τ_m) + Σ w          spikes arriving in the step; a current generator adds current × weight
///     V_m ≥ V_th and not refractory → spike, V_m ← V_reset, refractory (no integration) for t_ref
///
/// As NEST's `iaf_psc_delta` with E_L = 0 and weights in the unit of V_m, but dimensionless and without C_m.
public struct LeakyIntegrator: NeuronModel {
    public static let name = "leaky_integrator"
    public static let summary = "thresholded leaky integrator of delta inputs, exact per step (V ← V·e^(−dt/τ) + Σw)"
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("tau_m", unit: "ms", default: 10, .positive, "Leak time constant τ_m"),
        ParameterSpec("V_th", unit: "1", default: 1, "Spike threshold"),
        ParameterSpec("V_reset", unit: "1", default: 0, "Value after a spike"),
        ParameterSpec("t_ref", unit: "ms", default: 0, .nonNegative, "Refractory period: V_m held at V_reset"),
    ]
    public static let stateVariables = [StateVariableSpec("V_m", unit: "1", "Integrated input")]
    public static let ports = InputPorts(planes: 1, excitatory: 0, inhibitory: 0, current: 0)

    /// e^(−dt/τ_m).
    let decay: Double
    let threshold: SpikeThreshold

    public init(_ p: ParameterValues, dtMs: Double) throws {
        decay = exp(-dtMs / p["tau_m"])
        threshold = try SpikeThreshold(p, dtMs: dtMs)
    }

    public func defaultInitialValue(of variable: Int) -> Double { threshold.resetMV }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        let v = state, arrivals = input.plane(Self.ports.excitatory, count: count)
        var n = 0
        for i in range {
            defer { arrivals[i] = 0 }
            if refractory[i] > 0 {
                refractory[i] -= 1
                continue
            }
            v[i] = v[i] * decay + arrivals[i]
            if v[i] >= threshold.thresholdMV {
                v[i] = threshold.resetMV
                refractory[i] = threshold.refractorySteps
                fired[n] = Int32(i)
                n += 1
            }
        }
        return n
    }
}
