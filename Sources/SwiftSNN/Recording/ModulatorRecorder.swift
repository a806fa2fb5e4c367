import Foundation

/// Samples modulators every `intervalSteps` steps and writes `<name>.npy`, float64 of shape (samples, modulators),
/// the modulators in the order the recorder lists them (the config's `modulators` order by default). A sample is
/// the value the step used, taken at the end of steps whose end time is a multiple of the interval (as state
/// recorders): a volume transmitter's spikes of that step show in the next sample.
public struct ModulatorRecorder: Recorder {
    /// The recorder's name; its output is `<name>.npy`.
    public var name: String
    /// Indices into `Network.modulators`.
    public let modulators: [Int]
    /// Steps between samples.
    public var intervalSteps: Int
    /// Sample by sample, modulator by modulator: those not yet dropped (`dropPendingRows`).
    public private(set) var samples: [Double] = []
    /// The samples dropped after they were written (`RecordingStream`): `samples` starts with the next one.
    public private(set) var droppedSamples = 0

    /// Samples `modulators` every `intervalSteps`.
    public init(name: String, modulators: [Int], intervalSteps: Int) {
        self.name = name
        self.modulators = modulators
        self.intervalSteps = intervalSteps
    }

    /// Spikes do not concern this recorder; the engines call `sample` with the modulators.
    public func readsState(afterStep step: Int) -> Bool { false }

    public mutating func observe(step: Int, spikes: [[Int32]], populations: [any Population]) {}

    /// Appends the values step `step` used if a sample is due.
    public mutating func sample(step: Int, modulators all: [Modulator]) {
        guard (step + 1) % intervalSteps == 0 else { return }
        for m in modulators { samples.append(all[m].value) }
    }

    /// Samples held, those taken and not dropped.
    public var sampleCount: Int { modulators.isEmpty ? 0 : samples.count / modulators.count }

    public func output(grid: TimeGrid) -> Data { NpyWriter.float64(samples, shape: [sampleCount, modulators.count]) }
}

extension ModulatorRecorder: StreamingRecorder {
    public var rowLayout: (descr: String, rowShape: [Int]) { (NpyWriter.float64Descr, [modulators.count]) }

    public func pendingRows(grid: TimeGrid) -> (count: Int, data: Data) { (sampleCount, NpyWriter.float64Data(samples)) }

    public mutating func dropPendingRows() {
        droppedSamples += sampleCount
        samples.removeAll(keepingCapacity: true)
    }

    public func expectedBytesPerMs(grid: TimeGrid) -> Double {
        Double(8 * modulators.count) / (Double(intervalSteps) * grid.dtMs)
    }
}
