import Foundation

/// A plastic projection as the event-driven engine drives it: spikes at exact (real) times, traces decayed in
/// continuous time, e^{−(t − t_last)/τ}, so a rule sees the exact Δt = t_post − (t_pre + d) of every pair — what
/// NEST's precise `*_ps` models do not give their synapses (nest-simulator PR #2137). The timing convention is the
/// clock engine's: the delay is axonal, and at equal times arrivals come before postsynaptic spikes (Δt = 0 is
/// pre-before-post).
public protocol ExactPlasticWorker: AnyObject {
    /// The current weights, in the order of the projection's synapses.
    var weights: UnsafeMutablePointer<Float> { get }
    /// A spike of source `j` arrives at `t`: the rule at each synapse of its row, whose range is returned for the
    /// engine to deliver with the new weights.
    func arrive(source j: Int, at t: Double) -> Range<Int>
    /// Target `i` fires at `t`: the rule at each of its incoming synapses.
    func postsynapticSpike(target i: Int, at t: Double)
}

/// Two traces per neuron in continuous time: their values at the last spike and its time.
final class ContinuousTraces {
    private let value1: UnsafeMutablePointer<Double>
    private let value2: UnsafeMutablePointer<Double>
    private let time: UnsafeMutablePointer<Double>
    private let count: Int
    private let taus: Traces
    private let nearest: Bool

    init(count: Int, taus: Traces, nearest: Bool) {
        value1 = .allocate(capacity: max(count, 1))
        value2 = .allocate(capacity: max(count, 1))
        time = .allocate(capacity: max(count, 1))
        value1.initialize(repeating: 0, count: count)
        value2.initialize(repeating: 0, count: count)
        time.initialize(repeating: 0, count: count)
        self.count = count
        self.taus = taus
        self.nearest = nearest
    }

    deinit {
        value1.deallocate()
        value2.deallocate()
        time.deallocate()
    }

    /// The traces of neuron `i` at `t` (not before its last spike).
    @inline(__always)
    func value(_ i: Int, at t: Double) -> Traces {
        let elapsed = t - time[i]
        return Traces(value1[i] * exp(-elapsed / taus.first), value2[i] * exp(-elapsed / taus.second))
    }

    /// A spike of neuron `i` at `t`.
    @inline(__always)
    func record(_ i: Int, at t: Double) {
        let now = value(i, at: t)
        value1[i] = nearest ? 1 : now.first + 1
        value2[i] = nearest ? 1 : now.second + 1
        time[i] = t
    }
}
