/// Where the clock engine's spikes meet: each part (thread) finds the spikes of its own neurons, step by step;
/// serially, the parts' spikes of each step are joined in ascending neuron order (parts own ascending neuron
/// ranges), and the slice's spikes are kept, with their steps, for delivery at the end of the slice.
///
/// This is the seam where spikes of other processes will join when a network is split over machines: the slice's
/// lists are what MPI ranks exchange (sorted by source, NEST's and Arbor's scheme), before delivery.
///
/// A struct with raw part buffers rather than a class, so the per-step serial work pays no dynamic exclusivity
/// checks; whoever makes one calls `deallocate()` when the run ends.
struct SpikeExchange {
    let parts: Int
    let populations: Int
    /// Per part and population: the spikes of the steps advanced since the last `clearParts`, and where each step's
    /// spikes end. Part `part` writes entries `part * populations ..< (part + 1) * populations` only.
    let partSpikes: UnsafeMutablePointer<[Int32]>
    let partStepEnds: UnsafeMutablePointer<[Int]>
    /// Per population: the spikes of the step last joined, ascending.
    private(set) var stepSpikes: [[Int32]]
    /// Per population: the slice's spikes and the step each was emitted in, in (step, neuron) order.
    private(set) var sliceSources: [[Int32]]
    private(set) var sliceSteps: [[Int64]]

    init(parts: Int, populations: Int) {
        self.parts = parts
        self.populations = populations
        partSpikes = .allocate(capacity: parts * populations)
        partSpikes.initialize(repeating: [], count: parts * populations)
        partStepEnds = .allocate(capacity: parts * populations)
        partStepEnds.initialize(repeating: [], count: parts * populations)
        stepSpikes = [[Int32]](repeating: [], count: populations)
        sliceSources = [[Int32]](repeating: [], count: populations)
        sliceSteps = [[Int64]](repeating: [], count: populations)
    }

    func deallocate() {
        partSpikes.deinitialize(count: parts * populations)
        partSpikes.deallocate()
        partStepEnds.deinitialize(count: parts * populations)
        partStepEnds.deallocate()
    }

    /// What the parts write to, from their threads.
    var partBuffers: PartBuffers { PartBuffers(spikes: partSpikes, stepEnds: partStepEnds, populations: populations) }

    struct PartBuffers: @unchecked Sendable {
        let spikes: UnsafeMutablePointer<[Int32]>
        let stepEnds: UnsafeMutablePointer<[Int]>
        let populations: Int

        /// Part `part`'s spike lists, one per population.
        func spikes(ofPart part: Int) -> UnsafeMutablePointer<[Int32]> { spikes + part * populations }

        /// In part `part`, after it advanced a step: marks where that step's spikes end.
        func endStep(ofPart part: Int) {
            let spikes = spikes + part * populations, ends = stepEnds + part * populations
            for p in 0..<populations { ends[p].append(spikes[p].count) }
        }
    }

    /// Serially: joins the parts' spikes of the `k`-th step since `clearParts` (step number `step`) into
    /// `stepSpikes` and appends them to the slice's lists. Returns `stepSpikes`.
    mutating func join(stepOffset k: Int, step: Int) -> [[Int32]] {
        for p in 0..<populations {
            stepSpikes[p].removeAll(keepingCapacity: true)
            for part in 0..<parts {
                let i = part * populations + p
                stepSpikes[p].append(contentsOf: partSpikes[i][(k == 0 ? 0 : partStepEnds[i][k - 1])..<partStepEnds[i][k]])
            }
            sliceSources[p].append(contentsOf: stepSpikes[p])
            sliceSteps[p].append(contentsOf: repeatElement(Int64(step), count: stepSpikes[p].count))
        }
        return stepSpikes
    }

    /// Forgets the parts' spikes once they are joined.
    func clearParts() {
        for i in 0..<(parts * populations) {
            partSpikes[i].removeAll(keepingCapacity: true)
            partStepEnds[i].removeAll(keepingCapacity: true)
        }
    }

    /// Forgets the slice's spikes once they are delivered.
    mutating func clearSlice() {
        for p in 0..<populations {
            sliceSources[p].removeAll(keepingCapacity: true)
            sliceSteps[p].removeAll(keepingCapacity: true)
        }
    }
}
