import Foundation
import Testing

/// `snn run` end to end: the built executable on configs written by the test.
@Suite struct RunCommandTests {
    /// 20 unconnected iaf_psc_delta neurons (NEST defaults: C_m 250 pF, tau_m 10 ms, E_L = V_reset = -70 mV,
    /// V_th -55 mV, t_ref 2 ms) driven by I_e = 500 pA. Analytically V relaxes towards E_L + I_e·tau_m/C_m = -50 mV
    /// and reaches V_th after tau_m·ln(20/5) = 13.86 ms, so each neuron fires every 2 + 13.86 = 15.86 ms: at 13.9,
    /// 29.7, 45.6, 61.5, 77.3 and 93.2 ms, 6 times in 100 ms and 3 times in 50 ms (grid rounding moves a spike by
    /// under 0.1 ms per period, far from the window edges).
    static let constantCurrent = #"""
        {
          "simulation": {"duration_ms": 100, "dt_ms": 0.1, "seed": 1},
          "populations": [{"name": "lif", "size": 20, "model": "iaf_psc_delta", "params": {"I_e": 500}}],
          "recorders": [
            {"name": "spikes", "type": "spikes", "population": "lif"},
            {"name": "vm", "type": "state", "population": "lif", "variables": ["V_m"], "neurons": [0], "interval_ms": 1}
          ]
        }
        """#

    /// A random network whose connections, weights, delays, initial values and Poisson input all depend on the seed.
    static let randomNetwork = #"""
        {
          "simulation": {"duration_ms": 100, "seed": 1},
          "populations": [
            {"name": "noise", "size": 1, "model": "poisson_generator", "params": {"rate": 4000}},
            {"name": "net", "size": 50, "model": "iaf_psc_delta", "initial": {"V_m": {"uniform": [-70, -56]}}}
          ],
          "projections": [
            {"source": "noise", "target": "net", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 0.5}},
            {"source": "net", "target": "net", "connectivity": {"rule": "pairwise_bernoulli", "p": 0.1},
             "synapse": {"weight": {"uniform": [-1, 1]}, "delay_ms": {"uniform": [1, 3]}}}
          ],
          "recorders": [{"name": "spikes", "type": "spikes", "population": "net"}]
        }
        """#

    static func summary(in directory: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent("summary.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func spikeCount(_ summary: [String: Any], population: String) -> Int? {
        ((summary["populations"] as? [String: Any])?[population] as? [String: Any])?["spikes"] as? Int
    }

    @Test func runWritesSummaryAndRecorderFilesAndNothingElse() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(Self.constantCurrent, to: "net.json")
        let result = try SNNExecutable.run(["run", "net.json", "--out", "results"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stderr == "", "no progress line when stderr is not a terminal, and no warnings")
        #expect(result.stdout.hasSuffix("/results\n") && result.stdout.contains("outputs in /"))
        #expect(dir.contents() == ["net.json", "results", "results/.snn-lock", "results/spikes.npy", "results/summary.json", "results/vm.npy"])
        let summary = try Self.summary(in: dir.url.appendingPathComponent("results"))
        #expect(Self.spikeCount(summary, population: "lif") == 20 * 6)
        #expect(summary["duration_ms"] as? Double == 100)
        #expect(summary["seed"] as? Int == 1)
    }

    /// nalsm_lif with τ_u = 1e-300 ms turns the spike arriving in the step ending at 5 ms into an infinite, then
    /// NaN, synaptic current (see NumericalGuardTests): the run stops at the next scan, 10 ms, with one line on
    /// stderr, a non-zero exit, and the outputs up to then.
    @Test func aNaNStopsTheRunWithOneLineAndKeepsTheOutputsSoFar() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(#"""
            {"simulation": {"duration_ms": 50, "dt_ms": 1},
             "populations": [{"name": "n", "size": 2, "model": "nalsm_lif", "params": {"tau_u": 1e-300}},
                             {"name": "in", "size": 1, "model": "spike_generator", "params": {"spike_times": [4]}}],
             "projections": [{"source": "in", "target": "n", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1e10}}],
             "recorders": [{"name": "v", "type": "state", "population": "n", "variables": ["V_m"]}]}
            """#, to: "net.json")
        let result = try SNNExecutable.run(["run", "net.json", "--out", "o"], in: dir.url)
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: V_m of 'n'[0] became NaN by t = 10 ms; the run stopped there (outputs up to then in "))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        let summary = try Self.summary(in: dir.url.appendingPathComponent("o"))
        #expect(summary["duration_ms"] as? Double == 10)
        #expect((summary["error"] as? String)?.hasPrefix("V_m of 'n'[0] became NaN") == true)
        #expect(dir.contents().contains("o/v.npy"))
    }

    @Test func seedAndDurationOptionsOverrideTheConfig() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(Self.constantCurrent, to: "net.json")
        let result = try SNNExecutable.run(["run", "net.json", "--out", "o", "--seed", "7", "--duration-ms", "50"], in: dir.url)
        #expect(result.status == 0)
        let summary = try Self.summary(in: dir.url.appendingPathComponent("o"))
        #expect(summary["seed"] as? Int == 7)
        #expect(summary["duration_ms"] as? Double == 50)
        #expect(Self.spikeCount(summary, population: "lif") == 20 * 3, "the run really stopped at 50 ms")
    }

    @Test func sameSeedGivesIdenticalSpikesAndAnotherSeedDifferentOnes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(Self.randomNetwork, to: "net.json")
        for (out, seed) in [("a", "3"), ("b", "3"), ("c", "4")] {
            #expect(try SNNExecutable.run(["run", "net.json", "--out", out, "--seed", seed], in: dir.url).status == 0)
        }
        let spikes = try ["a", "b", "c"].map { try Data(contentsOf: dir.url.appendingPathComponent("\($0)/spikes.npy")) }
        let count = try #require(Self.spikeCount(try Self.summary(in: dir.url.appendingPathComponent("a")), population: "net"))
        #expect(count > 100, "enough spikes for the comparison to mean something")
        #expect(spikes[0] == spikes[1])
        #expect(spikes[0] != spikes[2])
    }

    @Test(arguments: [
        ("{\"simulation\": {\"duration_ms\": 10,}, \"populations\": []}",
         "error: net.json: invalid JSON at line 1, column 35: trailing comma before '}'"),
        (#"{"simulation": {"duration_ms": 10}, "populations": [{"name": "n", "size": 2, "model": "iaf_psc_exp", "params": {"tau_m": -5}}]}"#,
         "error: populations[0].params.tau_m: must be > 0, got -5"),
        // Found by the spec's own checks, before the network is built.
        (#"{"simulation": {"duration_ms": 10}, "populations": [{"name": "n", "size": 2, "model": "iaf_psc_exp"}], "recorders": [{"name": "v", "type": "state", "population": "n", "variables": ["V_m"], "interval_ms": 0.25}]}"#,
         "error: recorders[0].interval_ms: must be a multiple of dt (0.1 ms), got 0.25"),
    ])
    func malformedConfigFailsWithOneErrorLineAndCreatesNoOutput(config: String, expected: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(config, to: "net.json")
        // With an explicit output directory and with the default one (out/net).
        for arguments in [["run", "net.json", "--out", "results"], ["net.json"]] {
            let result = try SNNExecutable.run(arguments, in: dir.url)
            #expect(result.status != 0)
            #expect(result.stderr == expected + "\n")
            #expect(result.stdout == "")
        }
        #expect(dir.contents() == ["net.json"])
    }

    /// An output directory that cannot be used is reported before simulating: 10⁷ ms of this network would take
    /// minutes, the refusal takes the time to build it.
    @Test func anUnusableOutputDirectoryFailsBeforeSimulating() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(Self.constantCurrent, to: "net.json")
        try dir.write("not a directory", to: "taken")
        for (out, expected) in [("taken", "error: cannot use \(dir.url.path)/taken as output directory: it is a file"),
                                ("taken/inner", "error: cannot create output directory \(dir.url.path)/taken/inner: "),
                                ("", "Error: --out must name a directory, got an empty path")] {
            let start = Date()
            let result = try SNNExecutable.run(["run", "net.json", "--duration-ms", "1e7", "--out", out], in: dir.url)
            #expect(result.status != 0)
            #expect(result.stderr.hasPrefix(expected), "\(result.stderr)")
            #expect(Date().timeIntervalSince(start) < 30)
        }
        #expect(dir.contents() == ["net.json", "taken"])
    }

    /// A duration given on the command line is reported as the option's problem, before anything is written.
    @Test func aDurationBeyondTheStepBoundNamesTheOption() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(Self.constantCurrent, to: "net.json")
        let result = try SNNExecutable.run(["run", "net.json", "--duration-ms", "1e308", "--out", "o"], in: dir.url)
        #expect(result.status != 0)
        #expect(result.stderr == "error: --duration-ms: must be at most 2147483647 steps of dt 0.1 ms (2.15e+08 ms), got 1e+308\n")
        #expect(dir.contents() == ["net.json"])
    }

    @Test func moreThreadsThanCoresAreCappedWithAWarningAndTheSameResult() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(Self.randomNetwork, to: "net.json")
        let capped = try SNNExecutable.run(["run", "net.json", "--threads", "100000", "--out", "a"], in: dir.url)
        #expect(capped.status == 0)
        #expect(capped.stderr.hasPrefix("warning: 100000 threads requested, using ") && capped.stderr.split(separator: "\n").count == 1)
        let one = try SNNExecutable.run(["run", "net.json", "--threads", "1", "--out", "b"], in: dir.url)
        #expect(one.status == 0 && one.stderr == "")
        #expect(try Data(contentsOf: dir.url.appendingPathComponent("a/spikes.npy")) == Data(contentsOf: dir.url.appendingPathComponent("b/spikes.npy")))
    }
}
