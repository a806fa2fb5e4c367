import ArgumentParser
import Foundation
import SwiftSNN

@main
struct SNN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snn",
        abstract: "SwiftSNN: simulate spiking neural networks described in JSON.",
        discussion: "Examples:\n  snn run configs/cuba.json\n  snn run configs/cuba.json --checkpoint ckpt --checkpoint-every-ms 500; snn resume ckpt\n  snn validate my_net.json\n  snn models",
        subcommands: [RunCommand.self, ResumeCommand.self, TrialsCommand.self, ValidateCommand.self, ModelsCommand.self, SchemaCommand.self, BenchCommand.self],
        defaultSubcommand: RunCommand.self
    )
}

/// `--max-memory 8GB`: sizes as `MemoryLimit(parsing:)` reads them.
extension MemoryLimit: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

/// The line for a network refused by the memory guard, pointing at the option that raises the limit.
func fail(_ error: MemoryLimit.Exceeded) -> ExitCode { fail(SNNError(error.description(raise: "--max-memory"))) }

/// Prints a user-facing failure on one line to stderr and exits with status 1, the same for every subcommand.
func fail(_ error: Error) -> ExitCode {
    var stderr = StandardError()
    print("error: \(error)", to: &stderr)
    return ExitCode.failure
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}

/// More threads than cores only adds fork/join cost (and far more makes the OpenMP runtime abort); results do not
/// depend on the count, so a larger request is capped, with a warning on stderr.
func cappingThreads(of spec: inout NetworkSpec) {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    guard let requested = spec.simulation.threads, requested > cores else { return }
    var stderr = StandardError()
    print("warning: \(requested) threads requested, using \(cores) (the cores of this machine; results are the same)", to: &stderr)
    spec.simulation.threads = cores
}

/// Refuses a `--checkpoint-every-ms` that is not a finite number of ms > 0 (`snn run`, `snn resume`).
func validateCheckpointInterval(_ ms: Double?) throws {
    if let ms, !(ms > 0 && ms.isFinite) {
        throw ValidationError("--checkpoint-every-ms must be a finite number > 0, got \(ms)")
    }
}
