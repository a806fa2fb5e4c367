/// What arrives at a population's neurons in one step: its input ring's slot for the step, plane `p` of neuron
/// `i` at `values[p * count + i]` (`InputPorts` says which plane holds what).
///
/// A model takes the entries of the neurons it advances: it reads them and sets them back to zero, as NEST's ring
/// buffers do on reading, so the engine can reuse the slot for a later step without another pass over memory.
/// Planes that nothing in the network writes to are always zero: a model may skip them (`isLive`), and the
/// state that only such a plane feeds, which then stays 0 (`NeuronModel.stimulusVariable`, I_stim, when no current
/// generator reaches the population: its stepper keeps the current plane live while I_stim is not yet 0).
public struct StepInput {
    /// The slot: plane `p` of neuron `i` at `p * count + i`.
    public let values: UnsafeMutablePointer<Double>
    /// Bit `p` set: plane `p` may hold input.
    public let livePlanes: UInt32

    /// A slot and which of its planes may hold input.
    public init(values: UnsafeMutablePointer<Double>, livePlanes: UInt32) {
        self.values = values
        self.livePlanes = livePlanes
    }

    /// The same slot with plane `plane` live too.
    public func including(plane: Int) -> StepInput {
        StepInput(values: values, livePlanes: livePlanes | 1 << UInt32(plane))
    }

    /// Whether anything may write to plane `plane`; if not, it holds zeros and need not be read or cleared.
    @inline(__always)
    public func isLive(_ plane: Int) -> Bool { livePlanes & (1 << UInt32(plane)) != 0 }

    /// Plane `plane` of a population of `count` neurons.
    @inline(__always)
    public func plane(_ plane: Int, count: Int) -> UnsafeMutablePointer<Double> { values + plane * count }

    /// Plane `plane`, or nil when it is not live (the kernels' convention for a plane they may skip).
    @inline(__always)
    public func livePlane(_ plane: Int, count: Int) -> UnsafeMutablePointer<Double>? {
        isLive(plane) ? values + plane * count : nil
    }
}
