import ArgumentParser
import Foundation
import SwiftSNN

/// What `snn run` and `snn resume` do with a built simulation: run it with its outputs streamed into `directory`,
/// checkpointing if asked, and on a numerical error or a signal keep what was recorded (and learned) up to then.
struct StreamedRun {
    var directory: URL
    /// Simulated time from where the simulation is now [ms].
    var durationMs: Double
    var checkpoints: CheckpointSchedule?
    var saveWeights = false
    var saveDelays = false
    var progress = false

    func run(_ simulation: inout Simulation) throws {
        let stream = try simulation.recordingStream(to: directory)
        let reporter = ProgressReporter(totalMs: simulation.timeMs + durationMs,
                                        enabled: progress || isatty(STDERR_FILENO) == 1)
        let observer: ((Double) -> Void)? = reporter.enabled ? { reporter.report(simulatedMs: $0) } : nil
        // What was recorded and learned up to a stop is worth keeping: it shows how the state ran away, or
        // how far an interrupted run got.
        func finish(stoppedBy error: (any Error)? = nil) throws {
            reporter.finish()
            var saved: [URL] = []
            if saveWeights { saved += try simulation.saveWeights(to: directory) }
            if saveDelays { saved += try simulation.saveDelays(to: directory) }
            try simulation.finish(stream, stoppedBy: error, alsoWritten: saved)
        }
        do {
            try simulation.run(durationMs: durationMs, streamingTo: stream, checkpoints: checkpoints, observer: observer)
        } catch let error as NumericalError {
            try finish(stoppedBy: error)
            throw fail(SNNError("\(error) (outputs up to then in \(directory.path))"))
        } catch let stop as RunInterrupted {
            try finish(stoppedBy: stop)
            var stderr = StandardError()
            let saved = checkpoints.map { "; checkpoint in \($0.url.deletingLastPathComponent().path)" } ?? ""
            print("snn: \(stop); outputs up to then in \(directory.path)\(saved)", to: &stderr)
            throw ExitCode(128 + stop.signal)
        }
        try finish()
        print(SummaryText(simulation.summary, directory: directory.path).text)
    }
}
