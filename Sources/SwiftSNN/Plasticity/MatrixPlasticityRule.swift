/// A plasticity rule over a projection's whole weight matrix, applied once at the end of every period (one
/// stimulus presentation, a batch): rules whose change of one synapse depends on other synapses' weights, such as
/// Oja's subspace rule (ΔW involves Wᵀy), which `PlasticityRule`'s per-synapse callbacks cannot express.
///
/// The engine counts, per source neuron, the presynaptic spikes that arrive at the synapses during the period
/// (arrival = emission + axonal delay, the same timing as per-synapse rules; a period of P steps starting at step
/// mP takes the arrivals of steps mP ..< (m+1)P, i.e. at times in (mP·dt, (m+1)P·dt]). At the end of the
/// period's last step, serially, it hands them to `update` with the weights in double precision, then the
/// synapses transmit the new weights (rounded to Float32) from the next step on. Periods are aligned to t = 0
/// and continue across successive runs of one simulation. Postsynaptic spikes are not seen.
///
/// Parameters may be bound to modulators or schedules as for per-synapse rules, except those that change
/// `periodMs`.
public protocol MatrixPlasticityRule: Sendable {
    /// The config name (`"plasticity": {"rule": "oja_subspace"}`).
    static var name: String { get }
    /// One line on the rule, in `snn models`.
    static var summary: String { get }
    /// The parameter table: keys, units, defaults, ranges.
    static var parameters: [ParameterSpec] { get }

    /// The rule with the given parameters (checked against `parameters`) and options.
    init(_ parameters: ParameterValues, options: PlasticityOptions) throws

    /// The period in ms, a whole number of steps (the engine rounds it, to at least one step).
    var periodMs: Double { get }

    /// The end of a period: `presynapticCounts[s]` spikes of source s arrived during it.
    func update(_ matrix: WeightMatrix, presynapticCounts: UnsafeBufferPointer<Double>)
}

/// A projection's synapses as a matrix rule sees them during `update`: W[target, source] in the CSR rows of the
/// projection (row s = the synapses of source s, ascending target), the weights in double precision and one
/// variable of the rule's own per synapse (a momentum; 0 before the first update). Absent synapses are fixed
/// zeros of W; a repeated (source, target) pair is a separate synapse. The buffers are valid only during the call.
public struct WeightMatrix {
    /// Source neurons (columns of W).
    public let sourceCount: Int
    /// Target neurons (rows of W).
    public let targetCount: Int
    /// `rowStart[s] ..< rowStart[s + 1]` index the synapses of source s.
    public let rowStart: UnsafeBufferPointer<Int64>
    /// Target of each synapse, by source row.
    public let target: UnsafeBufferPointer<UInt32>
    /// Weight of each synapse, by source row.
    public let weight: UnsafeMutableBufferPointer<Double>
    /// The rule's own per-synapse state (momentum).
    public let state: UnsafeMutableBufferPointer<Double>
}
