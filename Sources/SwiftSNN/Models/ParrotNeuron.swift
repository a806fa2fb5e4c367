/// NEST's `parrot_neuron`: repeats the spikes it receives, with no dynamics, so that a spike train from a
/// generator can be the presynaptic side of plastic synapses, which need a neuron source (NEST's use of it).
/// A spike arriving in a step (after its delay) makes the parrot fire in that step: a `spike_generator` spike at
/// t reaches a parrot through delay d and leaves it stamped t + d, as in NEST. Weights are ignored, except that an
/// arrival of weight 0 is not seen. Several arrivals in one step give one spike, where NEST sends one event whose
/// multiplicity later synapses count.
public struct ParrotNeuron: NeuronModel {
    public static let name = "parrot_neuron"
    public static let summary = "repeats every incoming spike at its arrival (NEST parrot_neuron)"
    public static let parameters: [ParameterSpec] = []
    public static let stateVariables: [StateVariableSpec] = []
    public static let ports = InputPorts(planes: 1, excitatory: 0, inhibitory: 0, current: 0)

    public init(_ parameters: ParameterValues, dtMs: Double) throws {}

    public func defaultInitialValue(of variable: Int) -> Double { 0 }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        let arrivals = input.plane(Self.ports.excitatory, count: count)
        var n = 0
        for i in range where arrivals[i] != 0 {
            arrivals[i] = 0
            fired[n] = Int32(i)
            n += 1
        }
        return n
    }
}
