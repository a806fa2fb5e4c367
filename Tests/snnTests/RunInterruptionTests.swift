import Foundation
import Testing

/// `snn run` stopped by a signal, rerun into a used directory, or pointed at a directory another run holds: the
/// output directory always ends up with one run's consistent set of files.
@Suite struct RunInterruptionTests {
    /// 100 neurons under Poisson drive (mean input 16 mV against a 15 mV threshold) for far longer than the test
    /// waits.
    static let longRun = #"""
        {
          "simulation": {"duration_ms": 1000000, "seed": 3},
          "populations": [
            {"name": "noise", "size": 1, "model": "poisson_generator", "params": {"rate": 16000}},
            {"name": "net", "size": 100, "model": "iaf_psc_delta"}
          ],
          "projections": [
            {"source": "noise", "target": "net", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 0.1}}
          ],
          "recorders": [
            {"name": "spikes", "type": "spikes", "population": "net"},
            {"name": "v", "type": "state", "population": "net", "variables": ["V_m"], "neurons": [0, 1], "interval_ms": 10}
          ]
        }
        """#

    static func shortRun(recorder: String) -> String {
        #"""
        {
          "simulation": {"duration_ms": 50},
          "populations": [{"name": "lif", "size": 5, "model": "iaf_psc_delta", "params": {"I_e": 500}}],
          "recorders": [{"name": "\#(recorder)", "type": "spikes", "population": "lif"}]
        }
        """#
    }

    /// Waits until the run has flushed rows into the growing file `name` (its header is 256 bytes).
    static func waitForRows(of name: String, in directory: URL) throws {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            if let partial = names.first(where: { $0.hasPrefix(".\(name).") && $0.hasSuffix(".partial") }),
               let attributes = try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent(partial).path),
               let size = attributes[.size] as? NSNumber, size.intValue > 256 {
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("no rows flushed to \(name) within 2 minutes")
    }

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func aSignalStopsTheRunAndLeavesTheOutputsUpToThen(signal: Int32, status: Int32) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(Self.longRun, to: "net.json")
        let out = dir.url.appendingPathComponent("o")
        let running = try SNNExecutable.start(["run", "net.json", "--out", "o"], in: dir.url)
        try Self.waitForRows(of: "spikes.npy", in: out)
        kill(running.process.processIdentifier, signal)
        let result = try running.wait()
        #expect(result.status == status)
        #expect(result.stderr.contains("interrupted by \(signal == SIGINT ? "SIGINT" : "SIGTERM") at "), "\(result.stderr)")
        let summary = try RunCommandTests.summary(in: out)
        #expect(summary["interrupted"] as? Bool == true)
        #expect(summary["files"] as? [String] == ["spikes.npy", "v.npy"])
        let reached = try #require(summary["duration_ms"] as? Double)
        #expect(reached > 0 && reached < 1_000_000)
        #expect(dir.contents().filter { $0.hasPrefix("o/") } == ["o/.snn-lock", "o/spikes.npy", "o/summary.json", "o/v.npy"])
        // Every file covers the whole time reached: all the spikes the summary counts, a sample every 10 ms.
        let spikes = try Data(contentsOf: out.appendingPathComponent("spikes.npy"))
        let header = 10 + Int(spikes[8]) + Int(spikes[9]) << 8
        #expect((spikes.count - header) / 12 == RunCommandTests.spikeCount(summary, population: "net"))
        let v = try Data(contentsOf: out.appendingPathComponent("v.npy"))
        #expect((v.count - 256) / (8 * 2) == Int(reached / 10))
    }

    /// `snn trials` stopped by SIGINT writes the trials completed before the one in progress.
    @Test func aSignalDuringTrialsKeepsTheCompletedTrials() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(Self.longRun, to: "net.json")
        let out = dir.url.appendingPathComponent("o")
        let running = try SNNExecutable.start(["trials", "net.json", "--trial-ms", "500", "--trials", "100000", "--record-trials", "1",
                                               "--out", "o"], in: dir.url)
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: out.appendingPathComponent("spikes_trial0.npy").path) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(running.process.processIdentifier, SIGINT)
        let result = try running.wait()
        #expect(result.status == 130)
        let summary = try RunCommandTests.summary(in: out)
        #expect(summary["interrupted"] as? Bool == true)
        let completed = try #require(summary["trials"] as? Int)
        #expect(completed >= 1 && completed < 100_000)
        // One row of counts per completed trial, 100 neurons each.
        let counts = try Data(contentsOf: out.appendingPathComponent("spikes_counts.npy"))
        let header = 10 + Int(counts[8]) + Int(counts[9]) << 8
        #expect((counts.count - header) / 8 == completed * 100)
        #expect(summary["files"] as? [String] == ["spikes_counts.npy", "spikes_trial0.npy", "v_trial0.npy"])
    }

    @Test func aRerunRemovesTheEarlierRunsFilesAndKeepsTheUsers() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(Self.shortRun(recorder: "first"), to: "a.json")
        try dir.write(Self.shortRun(recorder: "second"), to: "b.json")
        #expect(try SNNExecutable.run(["run", "a.json", "--out", "o"], in: dir.url).status == 0)
        try dir.write("mine", to: "o/notes.txt")
        #expect(try SNNExecutable.run(["run", "b.json", "--out", "o"], in: dir.url).status == 0)
        #expect(dir.contents().filter { $0.hasPrefix("o/") } == ["o/.snn-lock", "o/notes.txt", "o/second.npy", "o/summary.json"])
        #expect(try RunCommandTests.summary(in: dir.url.appendingPathComponent("o"))["files"] as? [String] == ["second.npy"])
    }

    @Test func aDirectoryInUseByAnotherRunIsRefusedBeforeSimulating() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(Self.shortRun(recorder: "spikes"), to: "net.json")
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("o"), withIntermediateDirectories: true)
        // The lock another run would hold.
        let fd = open(dir.url.appendingPathComponent("o/.snn-lock").path, O_RDWR | O_CREAT, 0o644)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let result = try SNNExecutable.run(["run", "net.json", "--out", "o"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: output directory ") && result.stderr.hasSuffix(" is in use by another run; wait for it or choose another --out\n"))
        #expect(dir.contents() == ["net.json", "o", "o/.snn-lock"])
    }
}
