import Foundation

/// Samples state variables of some neurons every `intervalSteps` steps, at the end of steps whose end time is a
/// multiple of the interval (NEST multimeter: first sample at t = interval). Writes a float64 array of shape
/// (samples, neurons, variables).
public struct StateRecorder: Recorder {
    /// The recorder's name; its output is `<name>.npy`.
    public var name: String
    /// The recorded population's index.
    public var population: Int
    /// Indices of the recorded variables.
    public var variables: [Int]
    /// The recorded neurons.
    public var neurons: [Int]
    /// Steps between samples.
    public var intervalSteps: Int
    /// Sample by sample, neuron by neuron, variable by variable: those not yet dropped (`dropPendingRows`).
    public private(set) var samples: [Double] = []
    /// The samples dropped after they were written (`RecordingStream`): `samples` starts with the next one.
    public private(set) var droppedSamples = 0

    /// Samples `variables` of `neurons` every `intervalSteps`.
    public init(name: String, population: Int, variables: [Int], neurons: [Int], intervalSteps: Int) {
        self.name = name
        self.population = population
        self.variables = variables
        self.neurons = neurons
        self.intervalSteps = intervalSteps
    }

    /// Samples held, those taken and not dropped.
    public var sampleCount: Int { neurons.isEmpty || variables.isEmpty ? 0 : samples.count / (neurons.count * variables.count) }

    public func readsState(afterStep step: Int) -> Bool { (step + 1) % intervalSteps == 0 }

    public mutating func observe(step: Int, spikes: [[Int32]], populations: [any Population]) {
        guard readsState(afterStep: step) else { return }
        let pop = populations[population]
        for n in neurons {
            for v in variables { samples.append(pop.value(ofVariable: v, neuron: n)) }
        }
    }

    public func output(grid: TimeGrid) -> Data {
        NpyWriter.float64(samples, shape: [sampleCount, neurons.count, variables.count])
    }
}

extension StateRecorder: StreamingRecorder {
    public var rowLayout: (descr: String, rowShape: [Int]) { (NpyWriter.float64Descr, [neurons.count, variables.count]) }

    public func pendingRows(grid: TimeGrid) -> (count: Int, data: Data) { (sampleCount, NpyWriter.float64Data(samples)) }

    public mutating func dropPendingRows() {
        droppedSamples += sampleCount
        samples.removeAll(keepingCapacity: true)
    }

    public func expectedBytesPerMs(grid: TimeGrid) -> Double {
        Double(8 * neurons.count * variables.count) / (Double(intervalSteps) * grid.dtMs)
    }
}
