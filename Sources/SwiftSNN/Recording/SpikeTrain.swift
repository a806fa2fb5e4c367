/// Recorded spikes: `timesMs[i]` is the time of a spike of neuron `ids[i]` (index within its population),
/// sorted by time, then id.
public struct SpikeTrain: Sendable, Equatable {
    /// Spike times [ms].
    public var timesMs: [Double]
    /// The neuron of each spike.
    public var ids: [Int32]

    /// Spikes given as two arrays of equal length.
    public init(timesMs: [Double], ids: [Int32]) {
        self.timesMs = timesMs
        self.ids = ids
    }

    /// The number of spikes.
    public var count: Int { ids.count }

    /// The spikes at or after `timeMs`: what the last chunk of a run added.
    public func since(_ timeMs: Double) -> SpikeTrain {
        let first = timesMs.firstIndex { $0 >= timeMs } ?? timesMs.count
        return SpikeTrain(timesMs: Array(timesMs[first...]), ids: Array(ids[first...]))
    }
}

/// A recorder whose output is spikes (`Simulation.spikes(_:)` reads any of them).
public protocol SpikeRecording: Recorder {
    /// The recorded population's index in `Network.populations`.
    var population: Int { get }
    /// The spikes recorded so far.
    func spikeTrain(grid: TimeGrid) -> SpikeTrain
}

extension SpikeRecorder: SpikeRecording {
    /// The spikes recorded so far.
    public func spikeTrain(grid: TimeGrid) -> SpikeTrain { SpikeTrain(timesMs: times(grid: grid), ids: ids) }
}

extension ExactSpikeRecorder: SpikeRecording {
    /// The spikes recorded so far.
    public func spikeTrain(grid: TimeGrid) -> SpikeTrain { SpikeTrain(timesMs: times, ids: ids) }
}
