import CSNNKernels

/// Input to one population summed by arrival step (NEST `RingBuffer`): slot s holds, per input plane and
/// neuron, the sum of everything that arrives in step s. Slots are used modulo a power-of-two capacity of at
/// least (slice length + maximum delay) steps, so every pending arrival has its own slot; the engine reads a slot
/// in its step and then clears it.
public struct InputRing: Sendable {
    public private(set) var values: [Double]
    public let ports: InputPorts
    public let count: Int
    public let slotMask: Int

    public init(ports: InputPorts, count: Int, minimumSlots: Int) {
        var capacity = 1
        while capacity < minimumSlots { capacity <<= 1 }
        self.ports = ports
        self.count = count
        slotMask = capacity - 1
        values = [Double](repeating: 0, count: capacity * ports.planes * count)
    }

    var slotStride: Int { ports.planes * count }

    /// Where the values of a step and plane start, as a value that can be used while the ring is borrowed.
    public struct Layout: Sendable {
        let slotMask: Int
        let slotStride: Int
        let planeStride: Int

        /// Index of plane `plane` of neuron 0 in the slot of `step`.
        @inline(__always)
        func offset(step: Int, plane: Int) -> Int { (step & slotMask) * slotStride + plane * planeStride }
    }

    var layout: Layout { Layout(slotMask: slotMask, slotStride: slotStride, planeStride: count) }

    /// Calls `body` with the slot of `step`, then clears it.
    @inline(__always)
    mutating func consume<R>(step: Int, _ body: (UnsafePointer<Double>) -> R) -> R {
        let start = layout.offset(step: step, plane: 0), stride = slotStride
        return values.withUnsafeMutableBufferPointer { buffer in
            let slot = buffer.baseAddress! + start
            let result = body(slot)
            slot.update(repeating: 0, count: stride)
            return result
        }
    }

    /// Calls `body` with the values, for generators that add input directly.
    @inline(__always)
    mutating func withValues<R>(_ body: (UnsafeMutablePointer<Double>) -> R) -> R {
        values.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }

    /// Calls `body` with the C view of the ring, for delivery kernels.
    @inline(__always)
    mutating func withKernelView<R>(_ body: (inout snn_ring) -> R) -> R {
        let (mask, slotStride, count, ports) = (slotMask, self.slotStride, self.count, self.ports)
        return values.withUnsafeMutableBufferPointer { buffer in
            var ring = snn_ring(values: buffer.baseAddress!, slot_mask: UInt64(mask), slot_stride: slotStride,
                                plane_stride: count, positive_plane: Int32(ports.excitatory),
                                negative_plane: Int32(ports.inhibitory))
            return body(&ring)
        }
    }
}
