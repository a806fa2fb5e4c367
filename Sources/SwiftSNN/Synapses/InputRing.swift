/// Input to one population summed by arrival step (NEST `RingBuffer`): slot s holds, per input plane and
/// neuron, the sum of everything that arrives in step s. Slots are used modulo a power-of-two capacity of at
/// least (slice length + maximum delay) steps, so every pending arrival has its own slot; each slot is read in
/// its step and then cleared.
public struct InputRing: Sendable {
    /// Slot by slot, plane by plane, neuron by neuron.
    public internal(set) var values: Column<Double>
    /// Where each step's and plane's values are.
    public let layout: Layout

    /// Where the values of a step and plane start.
    public struct Layout: Sendable {
        /// The planes and their roles.
        public let ports: InputPorts
        /// Neurons of the population.
        public let count: Int
        /// Slots − 1 (slots are a power of two, so step & slotMask is the slot).
        public let slotMask: Int

        var slotStride: Int { ports.planes * count }

        /// Index of plane `plane` of neuron 0 in the slot of `step`.
        @inline(__always)
        func offset(step: Int, plane: Int) -> Int { (step & slotMask) * slotStride + plane * count }
    }

    /// A ring of at least `minimumSlots` slots, all zero.
    public init(ports: InputPorts, count: Int, minimumSlots: Int) {
        var capacity = 1
        while capacity < minimumSlots { capacity <<= 1 }
        layout = Layout(ports: ports, count: count, slotMask: capacity - 1)
        values = Column(repeating: 0, count: capacity * ports.planes * count)
    }

    /// The base address for the run; see `Column.mutablePointer()`.
    mutating func mutablePointer() -> UnsafeMutablePointer<Double> { values.mutablePointer() }
}
