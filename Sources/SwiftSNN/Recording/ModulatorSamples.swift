/// One modulator sampled by a modulator recorder: `values[k]` is the value the step ending at `timesMs[k]` used.
public struct ModulatorSamples: Sendable, Equatable {
    /// The end of each sampled step [ms].
    public var timesMs: [Double]
    /// The value each sampled step used.
    public var values: [Double]
}

extension ModulatorRecorder {
    /// The samples of the modulator at position `position` of `modulators`.
    func samples(ofModulatorAt position: Int, grid: TimeGrid) -> ModulatorSamples {
        let m = modulators.count
        return ModulatorSamples(timesMs: (0..<sampleCount).map { Double((droppedSamples + $0 + 1) * intervalSteps) * grid.dtMs },
                                values: (0..<sampleCount).map { samples[$0 * m + position] })
    }
}
