/// One state variable sampled by a state recorder: `values[k][j]` is the value of neuron `neurons[j]` at
/// `timesMs[k]`.
public struct StateSamples: Sendable, Equatable {
    /// The end of each sampled step [ms].
    public var timesMs: [Double]
    /// The recorded neurons.
    public var neurons: [Int]
    /// values[k][j]: neuron `neurons[j]` at `timesMs[k]`.
    public var values: [[Double]]
}

extension StateRecorder {
    /// The samples of the recorded variable at position `variable` of `variables`.
    func samples(ofVariable variable: Int, grid: TimeGrid) -> StateSamples {
        let n = neurons.count, v = variables.count
        return StateSamples(timesMs: (0..<sampleCount).map { Double((droppedSamples + $0 + 1) * intervalSteps) * grid.dtMs },
                            neurons: neurons,
                            values: (0..<sampleCount).map { k in (0..<n).map { samples[(k * n + $0) * v + variable] } })
    }
}
