import CSNNKernels

/// The spike condition shared by the LIF family, tested by the C kernels right after a block's integration:
/// V ≥ V_th → spike, V ← V_reset, refractory for t_ref (rounded to whole steps, as NEST does).
public struct SpikeThreshold: Sendable, Equatable {
    /// `V_th` [mV].
    public var thresholdMV: Double
    /// `V_reset` [mV].
    public var resetMV: Double
    /// `t_ref` in whole steps.
    public var refractorySteps: Int32
    /// `t_ref` as given, for the event-driven engine, which does not round it to steps.
    public var refractoryMs: Double

    /// Reads `V_th`, `V_reset` and `t_ref`; like NEST, refuses a reset that is not below the threshold.
    public init(_ p: ParameterValues, dtMs: Double) throws {
        try p.require("V_reset", below: "V_th")
        thresholdMV = p["V_th"]
        resetMV = p["V_reset"]
        refractorySteps = Int32(try TimeGrid(dtMs: dtMs).checkedSteps(p["t_ref"], path: "\(p.path).t_ref"))
        refractoryMs = p["t_ref"]
    }

    /// The rule as the C kernels take it.
    var kernelRule: snn_spike_rule {
        snn_spike_rule(threshold: thresholdMV, reset: resetMV, refractory_steps: refractorySteps)
    }
}
