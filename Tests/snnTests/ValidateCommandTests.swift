import Foundation
import Testing

/// `snn validate` builds the network without simulating and reports the first problem.
@Suite struct ValidateCommandTests {
    /// 5 spike generators all-to-all onto 20 neurons: 5·20 = 100 synapses.
    static let valid = #"""
        {
          "simulation": {"duration_ms": 10},
          "populations": [
            {"name": "drive", "size": 5, "model": "spike_generator", "params": {"spike_times": [1, 2]}},
            {"name": "lif", "size": 20, "model": "iaf_psc_exp"}
          ],
          "projections": [
            {"source": "drive", "target": "lif", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 10}}
          ]
        }
        """#

    /// Every network the repository ships builds: what a newcomer runs first must not be broken.
    static let bundledConfigs: [String] = {
        let configs = CatalogCommandTests.repositoryRoot.appendingPathComponent("configs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: configs.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && $0 != "schema.json" }.sorted()
    }()

    @Test func theRepositoryShipsConfigs() {
        #expect(Self.bundledConfigs.count >= 8, "configs/ must be found: \(Self.bundledConfigs)")
    }

    @Test(arguments: bundledConfigs)
    func bundledConfigValidates(name: String) throws {
        let result = try SNNExecutable.run(["validate", "configs/\(name)"], in: CatalogCommandTests.repositoryRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("configs/\(name): ok"))
    }

    @Test func validConfigIsReportedOkWithItsSizeAndWritesNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(Self.valid, to: "net.json")
        let result = try SNNExecutable.run(["validate", "net.json"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "net.json: ok (2 populations, 25 neurons, 100 synapses)\n")
        #expect(result.stderr == "")
        #expect(dir.contents() == ["net.json"])
    }

    @Test func invalidConfigFailsWithOneErrorLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(Self.valid.replacingOccurrences(of: #""target": "lif""#, with: #""target": "lfi""#), to: "net.json")
        let result = try SNNExecutable.run(["validate", "net.json"], in: dir.url)
        #expect(result.status != 0)
        #expect(result.stderr == "error: projections[0].target: unknown population 'lfi'; known: drive, lif\n")
        #expect(result.stdout == "")
    }

    @Test func missingConfigFileFailsWithOneErrorLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try SNNExecutable.run(["validate", "absent.json"], in: dir.url)
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.hasSuffix("absent.json: cannot read config file\n"))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
        #expect(result.stdout == "")
    }

    /// What `run` refuses before simulating, `validate` refuses with the same line: here a step count and a
    /// network far beyond any memory (10 × 2^40 synapses), refused from the estimate before anything is allocated.
    @Test(arguments: [
        (#"{"simulation": {"duration_ms": 10}, "populations": [{"name": "g", "size": 1, "model": "spike_generator", "params": {"spike_times": [1e20]}}]}"#,
         "error: populations[0].params.spike_times[0]: must be at most 2147483647 steps of dt 0.1 ms (2.15e+08 ms), got 1e+20"),
        (#"{"simulation": {"duration_ms": 10}, "populations": [{"name": "n", "size": 10, "model": "iaf_psc_delta"}], "projections": [{"source": "n", "target": "n", "connectivity": {"rule": "fixed_indegree", "K": 1099511627776}, "synapse": {"weight": 1}}]}"#,
         "error: the network needs about 88 TB, 88 TB of it at projections[0] (1.1e+13 synapses × 8 B); a limit of 8 GB; make projections[0].connectivity smaller, or raise the limit with --max-memory"),
    ])
    func validateAndRunRefuseTheSameConfigWithTheSameLine(config: String, expected: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(config, to: "net.json")
        for command in ["validate", "run"] {
            let result = try SNNExecutable.run([command, "net.json", "--max-memory", "8GB"], in: dir.url)
            #expect(result.status != 0)
            #expect(result.stderr == expected + "\n", "\(command)")
        }
        #expect(dir.contents() == ["net.json"])
    }

    /// A 2 GiB file (sparse: nothing is written) given as the config is refused from its size, unread.
    @Test func aConfigFileOfTwoGigabytesIsRefusedUnread() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("", to: "huge.json")
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 2 << 30)
        try handle.close()
        let result = try SNNExecutable.run(["validate", "huge.json"], in: dir.url)
        #expect(result.status != 0)
        #expect(result.stderr == "error: \(url.path): is larger than 256 MB; put large arrays in .npy files ({\"file\": \"values.npy\"})\n")
    }
}
