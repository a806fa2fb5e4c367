import ArgumentParser
import Foundation
import SwiftSNN

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Build and simulate a network from a JSON config; write spikes, state samples and a summary.",
        discussion: """
            Outputs go to DIR (default out/<config name>): one <recorder>.npy per recorder, written while the run \
            goes on (valid at every flush under a temporary name, renamed at the end), then summary.json, which \
            lists the run's files. DIR is locked for the run, and an earlier run's files there are removed first. \
            SIGINT or SIGTERM stops the run at the next slice of steps: the outputs up to then are written, \
            summary.json says "interrupted": true, and the exit status is 128 + the signal's number. Options \
            given here override the config's "simulation" values.
            """
    )

    @Argument(help: "The JSON network config.", completion: .file(extensions: ["json"]))
    var config: String

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Refuse networks estimated to need more memory than this (default: the memory available now).", valueName: "SIZE"))
    var maxMemory: MemoryLimit?

    @Option(name: .long, help: ArgumentHelp("Output directory.", valueName: "DIR"))
    var out: String?

    @Option(name: .long, help: "Random seed (overrides simulation.seed).")
    var seed: UInt64?

    @Option(name: .long, help: "Worker threads (overrides simulation.threads; 0 = all cores).")
    var threads: Int?

    @Option(name: .customLong("duration-ms"), help: "Simulated time in ms (overrides simulation.duration_ms).")
    var durationMs: Double?

    @Flag(name: .customLong("save-weights"),
          help: "Also write the final weights of every plastic projection i to DIR/weights_projection<i>.npy, loadable as \"weight\": {\"file\": ...}.")
    var saveWeights = false

    @Flag(name: .customLong("save-delays"),
          help: "Also write the final delays [ms] of every projection with delay_plasticity or max_delay_ms to DIR/delays_projection<i>.npy, loadable as \"delay_ms\": {\"file\": ...}.")
    var saveDelays = false

    @Option(name: .long, help: ArgumentHelp("Engine (overrides simulation.engine).", valueName: EngineKind.allCases.map(\.rawValue).joined(separator: "|")))
    var engine: String?

    @Flag(name: .long, help: "Show progress on stderr even when it is not a terminal.")
    var progress = false

    @Option(name: .long, help: ArgumentHelp("Write checkpoints to DIR/checkpoint.bin (and the config as run to DIR/config.json) at the start, every --checkpoint-every-ms, at the end and when stopped by a signal; `snn resume DIR` goes on from the last one. Clock engine only.", valueName: "DIR"))
    var checkpoint: String?

    @Option(name: .customLong("checkpoint-every-ms"), help: ArgumentHelp("Simulated time between checkpoints, from t = 0 (needs --checkpoint).", valueName: "T"))
    var checkpointEveryMs: Double?

    func validate() throws {
        if let threads, threads < 0 { throw ValidationError("--threads must be >= 0, got \(threads)") }
        if let durationMs, !(durationMs >= 0 && durationMs.isFinite) {
            throw ValidationError("--duration-ms must be a finite number >= 0, got \(durationMs)")
        }
        if out?.isEmpty == true { throw ValidationError("--out must name a directory, got an empty path") }
        if checkpoint?.isEmpty == true { throw ValidationError("--checkpoint must name a directory, got an empty path") }
        if checkpointEveryMs != nil && checkpoint == nil { throw ValidationError("--checkpoint-every-ms needs --checkpoint DIR") }
        try validateCheckpointInterval(checkpointEveryMs)
        if let engine, EngineKind(rawValue: engine) == nil {
            throw ValidationError("--engine must be one of \(EngineKind.allCases.map(\.rawValue).joined(separator: ", ")), got '\(engine)'")
        }
    }

    func run() throws {
        do {
            // From the start: a signal while the network is built stops the run before its first step.
            try Interruption.installSignalHandlers()
            var spec = try NetworkSpec.load(from: URL(fileURLWithPath: self.config))
            if let seed { spec.simulation.seed = seed }
            if let threads { spec.simulation.threads = threads }
            if let durationMs { spec.simulation.durationMs = durationMs }
            if let engine { spec.simulation.engine = EngineKind(rawValue: engine) }
            cappingThreads(of: &spec)
            let directory = URL(fileURLWithPath: out ?? "out/\(spec.name)")
            var simulation = try Simulation(spec: spec, memoryLimit: maxMemory ?? .available(), streamedRecordings: true)
            var schedule: CheckpointSchedule?
            if let checkpoint {
                let checkpointDirectory = URL(fileURLWithPath: checkpoint)
                try OutputDirectory.prepare(checkpointDirectory)
                let url = checkpointDirectory.appendingPathComponent(Simulation.checkpointFileName)
                // At t = 0 too: a network the checkpoints cannot cover is refused before anything runs, and a run
                // killed before its first interval can still be resumed.
                try simulation.checkpoint(to: url)
                // The spec as run (options applied), so that `snn resume DIR` needs nothing else.
                try AtomicFile.write(Data(spec.jsonText.utf8),
                                     to: checkpointDirectory.appendingPathComponent(Simulation.checkpointSpecFileName))
                schedule = CheckpointSchedule(url: url, everyMs: checkpointEveryMs)
            }
            try StreamedRun(directory: directory, durationMs: spec.simulation.durationMs, checkpoints: schedule,
                            saveWeights: saveWeights, saveDelays: saveDelays, progress: progress).run(&simulation)
        } catch let error as ConfigError {
            // The duration the spec's checks refuse is the option's when it was given.
            throw fail(durationMs != nil && error.path == "simulation.duration_ms" ? ConfigError(path: "--duration-ms", problem: error.problem) : error)
        } catch let error as SNNError {
            throw fail(error)
        } catch let error as MemoryLimit.Exceeded {
            throw fail(error)
        }
    }
}
