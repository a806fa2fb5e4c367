import Foundation
import SwiftSNN
import Testing

/// `snn run --checkpoint DIR` and `snn resume DIR`: a run checkpointed, stopped and resumed in a new process
/// records the spikes of the run that was never stopped, and a checkpoint that cannot be used is refused in one
/// line.
@Suite struct CheckpointCommandTests {
    /// The spikes of the spike recorder `name` in `directory`, as (times, ids).
    static func spikes(_ name: String, in directory: URL) throws -> (t: [Double], id: [Double]) {
        let array = try NpyArray.read(from: directory.appendingPathComponent("\(name).npy"))
        return (try array.field("t"), try array.field("id"))
    }

    @Test func aResumedRunRecordsTheSpikesOfTheUninterruptedOne() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let config = CatalogCommandTests.repositoryRoot.appendingPathComponent("configs/cuba.json").path
        let straight = try SNNExecutable.run(["run", config, "--duration-ms", "100", "--out", "straight"], in: dir.url)
        #expect(straight.status == 0, "\(straight.stderr)")
        let first = try SNNExecutable.run(["run", config, "--duration-ms", "50", "--out", "first", "--checkpoint", "ck",
                                           "--checkpoint-every-ms", "20"], in: dir.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(dir.contents().contains("ck/checkpoint.bin") && dir.contents().contains("ck/config.json"))
        let resumed = try SNNExecutable.run(["resume", "ck", "--duration-ms", "50", "--threads", "2", "--out", "second"], in: dir.url)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        for name in ["spikes_exc", "spikes_inh"] {
            let whole = try Self.spikes(name, in: dir.url.appendingPathComponent("straight"))
            let a = try Self.spikes(name, in: dir.url.appendingPathComponent("first"))
            let b = try Self.spikes(name, in: dir.url.appendingPathComponent("second"))
            #expect(b.t.count > 100 && b.t.allSatisfy { $0 > 50 }, "\(name): the resumed run recorded from 50 ms on")
            #expect(a.t + b.t == whole.t && a.id + b.id == whole.id, "\(name)")
        }
        let summary = try RunCommandTests.summary(in: dir.url.appendingPathComponent("second"))
        #expect(summary["duration_ms"] as? Double == 100)
    }

    @Test func aStoppedRunLeavesACheckpointToResumeFrom() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(RunInterruptionTests.longRun, to: "net.json")
        let running = try SNNExecutable.start(["run", "net.json", "--out", "o", "--checkpoint", "ck"], in: dir.url)
        try RunInterruptionTests.waitForRows(of: "spikes.npy", in: dir.url.appendingPathComponent("o"))
        kill(running.process.processIdentifier, SIGINT)
        let stopped = try running.wait()
        #expect(stopped.status == 130 && stopped.stderr.contains("checkpoint in"), "\(stopped.stderr)")
        let stoppedAt = try #require(RunCommandTests.summary(in: dir.url.appendingPathComponent("o"))["duration_ms"] as? Double)
        let resumed = try SNNExecutable.run(["resume", "ck", "--duration-ms", "10", "--out", "r"], in: dir.url)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try RunCommandTests.summary(in: dir.url.appendingPathComponent("r"))["duration_ms"] as? Double == stoppedAt + 10)
    }

    @Test func anUnusableCheckpointIsRefusedInOneLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(RunInterruptionTests.shortRun(recorder: "spikes"), to: "net.json")
        #expect(try SNNExecutable.run(["run", "net.json", "--out", "o", "--checkpoint", "ck"], in: dir.url).status == 0)
        let file = dir.url.appendingPathComponent("ck/checkpoint.bin")
        var data = try Data(contentsOf: file)
        data[data.count - 20] ^= 1
        try data.write(to: file)
        let corrupt = try SNNExecutable.run(["resume", "ck", "--duration-ms", "10"], in: dir.url)
        #expect(corrupt.status == 1 && corrupt.stderr.hasPrefix("error: ") && corrupt.stderr.contains("checkpoint is corrupt"))
        #expect(corrupt.stderr.split(separator: "\n").count == 1, "\(corrupt.stderr)")

        try dir.write(#"""
            {"simulation": {"duration_ms": 5, "engine": "event"},
             "populations": [{"name": "pre", "size": 1, "model": "spike_generator", "params": {"spike_times": [1]}},
                             {"name": "post", "size": 1, "model": "iaf_psc_delta"}],
             "projections": [{"source": "pre", "target": "post", "connectivity": {"rule": "all_to_all"},
                              "synapse": {"weight": 1, "delay_ms": 2},
                              "delay_plasticity": {"rule": "delay_shift", "params": {"d_max_ms": 12}}}],
             "recorders": [{"name": "spikes", "type": "spikes", "population": "post"}]}
            """#, to: "delays_event.json")
        let refused = try SNNExecutable.run(["run", "delays_event.json", "--out", "e", "--checkpoint", "eck"], in: dir.url)
        #expect(refused.status == 1 && refused.stderr == "error: checkpoints of the event engine do not cover the changing delays of projection 0 (static) yet; use \"engine\": \"clock\"\n", "\(refused.stderr)")
        #expect(!dir.contents().contains("e/summary.json"), "refused before the run")

        let interval = try SNNExecutable.run(["run", "net.json", "--checkpoint-every-ms", "10"], in: dir.url)
        #expect(interval.status != 0 && interval.stderr.contains("--checkpoint-every-ms needs --checkpoint DIR"))
    }
}
