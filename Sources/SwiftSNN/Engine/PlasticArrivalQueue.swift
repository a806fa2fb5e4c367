/// Plastic projections' spikes on their way: per projection and ring slot, the channels (`DelayChannels`) whose
/// spikes arrive in that slot's step, in the order the spikes were emitted, repeats adjacent. The rule runs at
/// the arrival step (Brian2's spike queue), so it sees exact arrival times; static projections sum into the input
/// rings instead.
struct PlasticArrivalQueue: Sendable {
    var slots: [[[Int32]]]
    private let mask: Int

    /// - Parameter minimumSlots: at least slice + maximum delay + 1 steps, as the input rings.
    init(projections: Int, minimumSlots: Int) {
        var count = 1
        while count < minimumSlots { count <<= 1 }
        slots = [[[Int32]]](repeating: [[Int32]](repeating: [], count: count), count: projections)
        mask = count - 1
    }

    /// Per projection: the channels arriving in step `step`.
    func due(step: Int) -> [[Int32]] { slots.map { $0[step & mask] } }

    /// Empties step `step`'s slot once its arrivals are processed, for the step one ring later.
    mutating func clear(step: Int) {
        for q in slots.indices { slots[q][step & mask].removeAll(keepingCapacity: true) }
    }

    /// Queues the spikes `sources` emitted in `steps` on projection `projection`: one arrival per channel of
    /// each source, at the spike's step plus the channel's delay now — `delaySteps` when the delays change during
    /// the run (`LearnedDelays`), else the channels' own. A queued arrival keeps its step whatever the delay does.
    mutating func enqueue(projection q: Int, sources: [Int32], steps: [Int64], channels: DelayChannels,
                          delaySteps: UnsafePointer<UInt16>?) {
        channels.delaySteps.withUnsafeBufferPointer { fixed in
            guard let delays = delaySteps ?? fixed.baseAddress else { return }
            for (source, spikeStep) in zip(sources, steps) {
                for c in channels.firstChannel[Int(source)]..<channels.firstChannel[Int(source) + 1] {
                    slots[q][(Int(spikeStep) + Int(delays[c])) & mask].append(Int32(c))
                }
            }
        }
    }
}
