import Foundation
import Testing

/// `snn run --engine` overrides the config's `simulation.engine`.
@Suite struct RunEngineOptionTests {
    @Test func engineOptionRunsTheEventEngine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(RunCommandTests.constantCurrent, to: "net.json")
        let result = try SNNExecutable.run(["run", "net.json", "--out", "o", "--engine", "event"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("engine event"))
        let summary = try RunCommandTests.summary(in: dir.url.appendingPathComponent("o"))
        #expect(summary["engine"] as? String == "event")
        // The crossings of RunCommandTests.constantCurrent lie well inside the window: six per neuron here too.
        #expect(RunCommandTests.spikeCount(summary, population: "lif") == 20 * 6)
    }

    @Test func unknownEngineIsRefusedBeforeAnythingRuns() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(RunCommandTests.constantCurrent, to: "net.json")
        let result = try SNNExecutable.run(["run", "net.json", "--out", "o", "--engine", "warp"], in: dir.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains("--engine must be one of clock, event, got 'warp'"))
        #expect(dir.contents() == ["net.json"])
    }
}
