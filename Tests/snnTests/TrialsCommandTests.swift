import Foundation
import SwiftSNN
import Testing

/// `snn trials` end to end. A Bernoulli input with p = 0 never fires and with p = 1 fires in every step, so its
/// spike counts per trial are known exactly: 0 and trial_ms / dt.
@Suite struct TrialsCommandTests {
    static let config = #"""
        {"simulation": {"duration_ms": 20, "dt_ms": 1},
         "populations": [{"name": "input", "size": 4, "model": "bernoulli_input", "params": {"p": 0.5}},
                         {"name": "n", "size": 3, "model": "nalsm_lif"}],
         "projections": [{"source": "input", "target": "n", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 30}}],
         "recorders": [{"name": "in_spikes", "type": "spikes", "population": "input"},
                       {"name": "n_spikes", "type": "spikes", "population": "n"}]}
        """#

    /// Rows of per-neuron probabilities as a float64 .npy.
    static func inputs(_ rows: [[Double]], in dir: TemporaryDirectory) throws {
        try NpyWriter.float64(rows.flatMap { $0 }, shape: [rows.count, rows[0].count])
            .write(to: dir.url.appendingPathComponent("p.npy"))
    }

    @Test func eachTrialTakesItsRowOfProbabilitiesAndCountsItsOwnSpikes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(Self.config, to: "net.json")
        try Self.inputs([[0, 0, 0, 0], [1, 1, 1, 1], [1, 0, 1, 0]], in: dir)
        let result = try SNNExecutable.run(["trials", "net.json", "--trial-ms", "20", "--inputs", "p.npy", "--record-trials", "1",
                                            "--save-synapses", "--out", "o"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        let counts = try NpyArray.read(from: dir.url.appendingPathComponent("o/in_spikes_counts.npy"))
        #expect(counts.shape == [3, 4])
        #expect(try counts.doubles() == [0, 0, 0, 0, 20, 20, 20, 20, 20, 0, 20, 0])
        #expect(try NpyArray.read(from: dir.url.appendingPathComponent("o/n_spikes_counts.npy")).shape == [3, 3])
        #expect(try NpyArray.read(from: dir.url.appendingPathComponent("o/synapses_projection0.npy")).shape == [12, 2])
        #expect(dir.contents().contains("o/in_spikes_trial0.npy") && !dir.contents().contains("o/in_spikes_trial1.npy"))
        // The silent first trial: nothing reached the liquid either.
        #expect(try NpyArray.read(from: dir.url.appendingPathComponent("o/n_spikes_counts.npy")).doubles().prefix(3) == [0, 0, 0])
    }

    @Test func rowsOfTheWrongWidthAreRefusedWithOneLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(Self.config, to: "net.json")
        try Self.inputs([[0.5, 0.5]], in: dir)
        let result = try SNNExecutable.run(["trials", "net.json", "--trial-ms", "20", "--inputs", "p.npy"], in: dir.url)
        #expect(result.status != 0)
        #expect(result.stderr == "error: p of 'input': 2 values given, expected 4 (one per neuron)\n")
    }

    /// A trial length beyond the step bound, and more trials than their spike counts could be held for, are
    /// refused before the first trial.
    @Test(arguments: [
        (["--trial-ms", "1e300", "--trials", "2"], "error: --trial-ms: must be at most 2147483647 steps of dt 1 ms (2.15e+09 ms), got 1e+300"),
        (["--trial-ms", "20", "--trials", "1000000000000"],
         "error: the network needs about 56 TB, 32 TB of it at --trials (4e+12 spike counts × 8 B); a limit of 8 GB; make --trials smaller, or raise the limit with --max-memory"),
    ])
    func trialsThatCannotBeRunAreRefusedUpFront(options: [String], expected: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(Self.config, to: "net.json")
        let result = try SNNExecutable.run(["trials", "net.json", "--max-memory", "8GB", "--out", "o"] + options, in: dir.url)
        #expect(result.status != 0)
        #expect(result.stderr == expected + "\n")
        #expect(dir.contents() == ["net.json"])
    }
}
