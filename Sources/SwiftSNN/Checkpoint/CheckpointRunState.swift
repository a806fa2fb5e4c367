/// What every engine's checkpoint begins with: the step, the spike and synaptic-event counts, the simulated time
/// and the modulators' values.
extension CheckpointWriter {
    mutating func writeRun(step: Int, statistics: RunStatistics, modulators: [Modulator]) {
        write(Int64(step))
        write(statistics.spikes.map(Int64.init))
        write(statistics.synapticEvents)
        write(statistics.simulatedMs)
        write(modulators.map(\.value))
    }
}

extension CheckpointReader {
    /// Reads what `writeRun` wrote into state of the same shape; a step beyond `TimeGrid.maxSteps` or out of step
    /// with the simulated time on `grid` is refused as corrupt.
    mutating func readRun(step: inout Int, statistics: inout RunStatistics, grid: TimeGrid, modulators: inout [Modulator]) throws {
        step = Int(try read(Int64.self, "the step"))
        let spikes = try readArray(of: Int64.self, "the spike counts")
        guard spikes.count == statistics.spikes.count else {
            throw SNNError("\(source): checkpoint counts \(spikes.count) populations, the network has \(statistics.spikes.count)")
        }
        statistics.spikes = spikes.map { Int($0) }
        statistics.synapticEvents = try read(UInt64.self, "the synaptic event count")
        statistics.simulatedMs = try read(Double.self, "the simulated time")
        guard (0...TimeGrid.maxSteps).contains(step), statistics.simulatedMs == Double(step) * grid.dtMs else {
            throw SNNError("\(source): checkpoint is at an impossible step \(step) (corrupt checkpoint)")
        }
        let values = try readArray(of: Double.self, "the modulators' values")
        guard values.count == modulators.count else {
            throw SNNError("\(source): checkpoint has \(values.count) modulators, the network \(modulators.count)")
        }
        for (m, value) in values.enumerated() { modulators[m].value = value }
    }
}
