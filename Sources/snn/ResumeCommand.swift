import ArgumentParser
import Foundation
import SwiftSNN

struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Go on with a run from its last checkpoint (snn run --checkpoint DIR).",
        discussion: """
            Rebuilds the network from DIR/config.json, restores DIR/checkpoint.bin and runs on, bit-identical to \
            the run that was never stopped. The time goes on from the checkpoint; the recordings start there \
            (summary.json's spike counts are from t = 0). Checkpoints keep being written to DIR, at the end, when \
            stopped by a signal, and every --checkpoint-every-ms. Clock engine only.
            """
    )

    @Argument(help: "The checkpoint directory.", completion: .directory)
    var directory: String

    @Option(name: .customLong("duration-ms"), help: "Simulated time to run on in ms (default: the rest of the config's duration_ms).")
    var durationMs: Double?

    @Option(name: .long, help: ArgumentHelp("Output directory (default DIR/out).", valueName: "OUT"))
    var out: String?

    @Option(name: .long, help: "Worker threads (overrides simulation.threads; 0 = all cores; results do not depend on it).")
    var threads: Int?

    @Option(name: .customLong("checkpoint-every-ms"), help: ArgumentHelp("Simulated time between checkpoints, from t = 0.", valueName: "T"))
    var checkpointEveryMs: Double?

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Refuse networks estimated to need more memory than this (default: the memory available now).", valueName: "SIZE"))
    var maxMemory: MemoryLimit?

    @Flag(name: .long, help: "Show progress on stderr even when it is not a terminal.")
    var progress = false

    func validate() throws {
        if let threads, threads < 0 { throw ValidationError("--threads must be >= 0, got \(threads)") }
        if let durationMs, !(durationMs >= 0 && durationMs.isFinite) {
            throw ValidationError("--duration-ms must be a finite number >= 0, got \(durationMs)")
        }
        if out?.isEmpty == true { throw ValidationError("--out must name a directory, got an empty path") }
        try validateCheckpointInterval(checkpointEveryMs)
    }

    func run() throws {
        do {
            try Interruption.installSignalHandlers()
            let checkpointDirectory = URL(fileURLWithPath: directory)
            var spec = try NetworkSpec.load(from: checkpointDirectory.appendingPathComponent(Simulation.checkpointSpecFileName))
            if let threads { spec.simulation.threads = threads }
            cappingThreads(of: &spec)
            let url = checkpointDirectory.appendingPathComponent(Simulation.checkpointFileName)
            var simulation = try Simulation(restoring: url, spec: spec, memoryLimit: maxMemory ?? .available(),
                                            streamedRecordings: true)
            let rest = durationMs ?? spec.simulation.durationMs - simulation.timeMs
            guard rest > 0 else {
                throw SNNError("the checkpoint in \(directory) is at \(simulation.timeMs) ms, the run's end; give --duration-ms to go on")
            }
            try StreamedRun(directory: URL(fileURLWithPath: out ?? checkpointDirectory.appendingPathComponent("out").path),
                            durationMs: rest, checkpoints: CheckpointSchedule(url: url, everyMs: checkpointEveryMs),
                            progress: progress).run(&simulation)
        } catch let error as ConfigError {
            throw fail(error)
        } catch let error as SNNError {
            throw fail(error)
        } catch let error as MemoryLimit.Exceeded {
            throw fail(error)
        }
    }
}
