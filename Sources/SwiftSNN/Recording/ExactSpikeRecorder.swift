import Foundation

/// A recorder that takes the event-driven engine's exact spike times of one population instead of the steps'
/// spikes: once per run, after its last step, with the run's spikes in (time, id) order. The clock engine calls
/// `observe(step:spikes:populations:)` as for any recorder.
public protocol ExactSpikeObserving: Recorder {
    /// The index of the population whose spikes it takes.
    var population: Int { get }
    /// Appends spikes of `population`, in (time, id) order and later than any it has seen.
    mutating func observe(exactSpikes spikeTimes: [Double], ids spikeIds: [Int32])
}

/// Records the spikes of one population (optionally of some of its neurons) at the times the engine gives: exact
/// times from the event-driven engine, which calls `observe(exactSpikes:ids:)`, or the step stamps (k+1)·dt when
/// a clock-driven engine calls `observe(step:spikes:populations:)`. Writes the same file as `SpikeRecorder`: a
/// structured array with fields `t` (float64, ms) and `id` (int32), sorted by time then id.
public struct ExactSpikeRecorder: ExactSpikeObserving {
    /// The recorder's name; its output is `<name>.npy`.
    public var name: String
    /// The recorded population's index.
    public var population: Int
    /// The step grid the engine reports in.
    public let grid: TimeGrid
    private var recorded: [Bool]?
    /// The exact time of each spike [ms].
    public private(set) var times: [Double] = []
    /// The neuron of each spike.
    public private(set) var ids: [Int32] = []

    /// Records exact spike times of `population`, all neurons or those in `neurons`.
    public init(name: String, population: Int, count: Int, neurons: [Int]? = nil, grid: TimeGrid) {
        self.name = name
        self.population = population
        self.grid = grid
        if let neurons {
            var mask = [Bool](repeating: false, count: count)
            for n in neurons { mask[n] = true }
            recorded = mask
        }
    }

    public func readsState(afterStep step: Int) -> Bool { false }

    public mutating func observe(step: Int, spikes: [[Int32]], populations: [any Population]) {
        let t = grid.spikeTime(step: step)
        for id in spikes[population] where recorded?[Int(id)] ?? true {
            times.append(t)
            ids.append(id)
        }
    }

    /// Appends spikes of this recorder's population, given in (time, id) order and later than any recorded.
    public mutating func observe(exactSpikes spikeTimes: [Double], ids spikeIds: [Int32]) {
        for (t, id) in zip(spikeTimes, spikeIds) where recorded?[Int(id)] ?? true {
            times.append(t)
            ids.append(id)
        }
    }

    public func output(grid: TimeGrid) -> Data { NpyWriter.spikes(times: times, ids: ids) }
}

extension ExactSpikeRecorder: StreamingRecorder {
    public var rowLayout: (descr: String, rowShape: [Int]) { (NpyWriter.spikeDescr, []) }

    public func pendingRows(grid: TimeGrid) -> (count: Int, data: Data) { (ids.count, NpyWriter.spikeData(times: times, ids: ids)) }

    public mutating func dropPendingRows() {
        times.removeAll(keepingCapacity: true)
        ids.removeAll(keepingCapacity: true)
    }
}
