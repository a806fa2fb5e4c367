import Foundation

/// Writing a simulation's outputs: at the end (`writeOutputs`), or while it runs (`run(streamingTo:)`), so that a
/// run of any length holds no more than one flush interval of recordings in memory and a run stopped by a signal,
/// a numerical error or a crash leaves what it recorded:
///
///     let stream = try sim.recordingStream(to: directory)
///     do { try sim.run(streamingTo: stream) } catch let stop as RunInterrupted {
///         try sim.finish(stream, stoppedBy: stop)      // summary.json says "interrupted": true
///     }
///     try sim.finish(stream)
extension Simulation {
    /// Opens `directory` for this simulation's outputs: created if needed, locked, an earlier run's files removed
    /// (`RecordingStream`).
    public func recordingStream(to directory: URL) throws -> RecordingStream {
        try RecordingStream(directory: directory, recorders: recorders, grid: network.grid)
    }

    /// Runs for `durationMs` (by default the spec's duration) in pieces, appending the recorders' rows to their
    /// files in `stream` after each piece and dropping them from memory: pieces of at most 1 s of simulated time,
    /// shorter when state or weight recorders would otherwise hold more than 64 MiB. With `checkpoints`, pieces
    /// also end at the multiples of its interval, where a checkpoint is written, and one is written at the end and
    /// after a stop request; a simulation that cannot be checkpointed is refused before it runs. A `NumericalError` or `RunInterrupted` is rethrown after everything up to it has been
    /// flushed (no checkpoint of a state that is NaN); `finish` the stream in any case.
    public mutating func run(durationMs: Double? = nil, streamingTo stream: RecordingStream,
                             checkpoints: CheckpointSchedule? = nil,
                             observer: ((_ simulatedMs: Double) -> Void)? = nil) throws {
        let grid = network.grid
        let end = grid.steps(timeMs) + grid.steps(durationMs ?? spec.simulation.durationMs)
        let piece = max(1, grid.steps(stream.flushIntervalMs(recorders)))
        let checkpointEvery = try checkpoints?.intervalSteps(grid: grid)
        if checkpoints != nil { _ = try checkpointableEngine() }
        do {
            while grid.steps(timeMs) < end {
                let now = grid.steps(timeMs)
                let length = min(piece, end - now, checkpointEvery.map { $0 - now % $0 } ?? Int.max)
                try run(durationMs: Double(length) * grid.dtMs, observer: observer)
                try stream.flush(&recorders)
                let reached = grid.steps(timeMs)
                if let checkpoints, reached == end || checkpointEvery.map({ reached % $0 == 0 }) == true {
                    try checkpoint(to: checkpoints.url)
                }
            }
        } catch let stop where stop is NumericalError || stop is RunInterrupted {
            try stream.flush(&recorders)
            if let checkpoints, stop is RunInterrupted { try checkpoint(to: checkpoints.url) }
            throw stop
        }
    }

    /// Completes `stream`: the rest of the recordings, then `summary.json`, which lists the files of the run
    /// (`alsoWritten`: files the caller saved into the directory, e.g. `saveWeights(to:)`'s) and, after a run
    /// stopped by `error`, says so: `"interrupted": true` for `RunInterrupted`, `"error"` otherwise.
    public func finish(_ stream: RecordingStream, stoppedBy error: (any Error)? = nil, alsoWritten: [URL] = []) throws {
        var summary = summary
        if error is RunInterrupted {
            summary.interrupted = true
        } else {
            summary.error = error.map { "\($0)" }
        }
        try stream.finish(recorders, summary: summary, alsoWritten: alsoWritten.map(\.lastPathComponent))
    }

    /// Writes `summary.json` and the recorders' files (`<recorder>.npy`, …) into `directory`, each atomically, as
    /// one run's set (`recordingStream(to:)`, `finish`). After a run stopped by `error`, the summary says so and
    /// covers the time reached.
    public func writeOutputs(to directory: URL, stoppedBy error: (any Error)? = nil) throws {
        try finish(recordingStream(to: directory), stoppedBy: error)
    }
}
