import Foundation

/// Records the spikes of one population (optionally of some of its neurons) and writes them as a NumPy structured
/// array with fields `t` (float64, ms) and `id` (int32, index within the population), sorted by time then id.
public struct SpikeRecorder: Recorder {
    /// The recorder's name; its output is `<name>.npy`.
    public var name: String
    /// The recorded population's index.
    public var population: Int
    private var recorded: [Bool]?
    /// The step of each spike.
    public private(set) var steps: [Int] = []
    /// The neuron of each spike.
    public private(set) var ids: [Int32] = []

    /// Records spikes of `population` (`count` neurons), all or those in `neurons`.
    public init(name: String, population: Int, count: Int, neurons: [Int]? = nil) {
        self.name = name
        self.population = population
        if let neurons {
            var mask = [Bool](repeating: false, count: count)
            for n in neurons { mask[n] = true }
            recorded = mask
        }
    }

    public func readsState(afterStep step: Int) -> Bool { false }

    public mutating func observe(step: Int, spikes: [[Int32]], populations: [any Population]) {
        for id in spikes[population] where recorded?[Int(id)] ?? true {
            steps.append(step)
            ids.append(id)
        }
    }

    /// Spike times in ms.
    public func times(grid: TimeGrid) -> [Double] { steps.map(grid.spikeTime(step:)) }

    public func output(grid: TimeGrid) -> Data { NpyWriter.spikes(times: times(grid: grid), ids: ids) }
}

extension SpikeRecorder: StreamingRecorder {
    public var rowLayout: (descr: String, rowShape: [Int]) { (NpyWriter.spikeDescr, []) }

    public func pendingRows(grid: TimeGrid) -> (count: Int, data: Data) {
        (ids.count, NpyWriter.spikeData(times: times(grid: grid), ids: ids))
    }

    public mutating func dropPendingRows() {
        steps.removeAll(keepingCapacity: true)
        ids.removeAll(keepingCapacity: true)
    }
}
