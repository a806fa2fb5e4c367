/// A model whose neurons send their targets a graded value every step rather than spikes: an astrocyte's slow
/// inward current (NEST's `SICEvent`). Projections with `"synapse": {"type": "sic"}` carry it: after each step,
/// weight × the source's value enters the target's current input after the synapse's delay.
public protocol SignalEmitting: NeuronModel {
    /// The value neuron `neuron` sends after a step; `state` holds variable `v` of neuron `i` at `v * count + i`.
    func signal(state: UnsafePointer<Double>, count: Int, neuron: Int) -> Double
}

/// A population whose neurons send a graded value every step, as the engine reads it.
protocol SignalPopulation {
    /// The value of each neuron after the last step, into `values` (room for `count`).
    func signals(into values: UnsafeMutablePointer<Double>)
}

extension NeuronGroup: SignalPopulation where Model: SignalEmitting {
    func signals(into values: UnsafeMutablePointer<Double>) {
        let state = state.baseAddress
        for i in 0..<count { values[i] = model.signal(state: state, count: count, neuron: i) }
    }
}
