import Foundation

/// Samples every weight (or every learned delay, in ms) of a plastic projection every `intervalSteps` steps (at the
/// end of steps whose end time is a multiple of the interval, like state recorders) and writes `<name>.npy`,
/// float64 of shape (samples, synapses), plus `<name>_sources.npy` and `<name>_targets.npy`, int32, the synapses'
/// neurons in the same order.
public struct WeightRecorder: Recorder {
    /// What a synapse recorder samples.
    public enum Quantity: Sendable {
        /// The weights (`"type": "weights"`).
        case weights
        /// The learned delays [ms] (`"type": "delays"`, `LearnedDelays`).
        case delays
    }

    /// The recorder's name; its output is `<name>.npy`.
    public var name: String
    /// Index into `Network.plasticProjections`.
    public var plastic: Int
    /// Steps between samples.
    public var intervalSteps: Int
    /// Weights or delays.
    public let quantity: Quantity
    /// The source of each recorded synapse.
    public let sources: [Int32]
    /// The target of each recorded synapse.
    public let targets: [Int32]
    /// Sample by sample, synapse by synapse: those not yet dropped (`dropPendingRows`).
    public private(set) var samples: [Double] = []
    /// The samples dropped after they were written (`RecordingStream`): `samples` starts with the next one.
    public private(set) var droppedSamples = 0

    /// - Parameters:
    ///   - name: the output file is `<name>.npy`.
    ///   - plastic: the projection's index in `Network.plasticProjections`.
    ///   - synapses: the projection's table, one row per channel.
    ///   - channels: the source neuron of each row of `synapses`.
    ///   - intervalSteps: steps between samples.
    ///   - quantity: weights or delays.
    public init(name: String, plastic: Int, synapses: SynapseTable, channels: DelayChannels, intervalSteps: Int,
                quantity: Quantity = .weights) {
        self.name = name
        self.quantity = quantity
        self.plastic = plastic
        self.intervalSteps = intervalSteps
        var sources = [Int32](repeating: 0, count: synapses.count)
        for s in 0..<synapses.sourceCount {
            for k in Int(synapses.rowStart[s])..<Int(synapses.rowStart[s + 1]) { sources[k] = channels.source[s] }
        }
        self.sources = sources
        targets = synapses.target.map { Int32($0) }
    }

    /// Samples held, those taken and not dropped.
    public var sampleCount: Int { sources.isEmpty ? 0 : samples.count / sources.count }

    /// Spikes do not concern this recorder; the engine calls `sample` with the weights.
    public func readsState(afterStep step: Int) -> Bool { false }

    public mutating func observe(step: Int, spikes: [[Int32]], populations: [any Population]) {}

    /// Whether a sample is due after step `step`.
    public func isDue(step: Int) -> Bool { (step + 1) % intervalSteps == 0 }

    /// Appends the weights after step `step` if a sample is due.
    public mutating func sample(step: Int, weights: UnsafePointer<Float>) {
        guard isDue(step: step) else { return }
        for k in 0..<sources.count { samples.append(Double(weights[k])) }
    }

    /// Appends the delays [ms] after step `step` if a sample is due.
    public mutating func sample(step: Int, delaysMs: UnsafePointer<Double>) {
        guard isDue(step: step) else { return }
        samples.append(contentsOf: UnsafeBufferPointer(start: delaysMs, count: sources.count))
    }

    public func output(grid: TimeGrid) -> Data { NpyWriter.float64(samples, shape: [sampleCount, sources.count]) }

    public func files(grid: TimeGrid) -> [(name: String, data: Data)] { [("\(name).npy", output(grid: grid))] + companionFiles }
}

extension WeightRecorder: StreamingRecorder {
    public var rowLayout: (descr: String, rowShape: [Int]) { (NpyWriter.float64Descr, [sources.count]) }

    public func pendingRows(grid: TimeGrid) -> (count: Int, data: Data) { (sampleCount, NpyWriter.float64Data(samples)) }

    public mutating func dropPendingRows() {
        droppedSamples += sampleCount
        samples.removeAll(keepingCapacity: true)
    }

    public func expectedBytesPerMs(grid: TimeGrid) -> Double {
        Double(8 * sources.count) / (Double(intervalSteps) * grid.dtMs)
    }

    /// `<name>_sources.npy` and `<name>_targets.npy`.
    public var companionFiles: [(name: String, data: Data)] {
        [("\(name)_sources.npy", NpyWriter.int32(sources)), ("\(name)_targets.npy", NpyWriter.int32(targets))]
    }
}
