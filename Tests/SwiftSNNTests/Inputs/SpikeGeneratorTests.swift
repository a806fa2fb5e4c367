import Foundation
import Testing
@testable import SwiftSNN

/// `spike_generator` emits exactly the spikes it is given: recorded, each comes out stamped with its own time
/// (NEST spike_generator with on-grid times), sorted by (time, id). Reference: the input lists themselves.
@Suite struct SpikeGeneratorTests {
    static let dtMs = 0.1

    static func json(size: Int, params: String) -> String {
        """
        {
          "simulation": {"duration_ms": 20, "dt_ms": \(dtMs), "threads": 1},
          "populations": [{"name": "sg", "size": \(size), "model": "spike_generator", "params": \(params)}],
          "recorders": [{"name": "spikes", "type": "spikes", "population": "sg"}]
        }
        """
    }

    /// The recorder's file, read back: (t, id) pairs in file order.
    static func recordedSpikes(size: Int, params: String, baseDirectory: URL = FileManager.default.temporaryDirectory) throws -> [Spike] {
        let simulation = try InlineConfig.run(json(size: size, params: params), baseDirectory: baseDirectory)
        let recorder = try InlineConfig.recorder("spikes", of: simulation, as: SpikeRecorder.self)
        let file = try NpyArray(data: recorder.output(grid: simulation.network.grid))
        return zip(try file.field("t"), try file.field("id")).map { Spike(t: $0, id: Int($1)) }
    }

    struct Spike: Equatable, Comparable, CustomStringConvertible {
        var t: Double
        var id: Int
        static func < (a: Spike, b: Spike) -> Bool { (a.t, a.id) < (b.t, b.id) }
        var description: String { "(\(t), \(id))" }
    }

    /// The same times, written as the grid spells them: a recorded stamp is (step + 1)·dt, so compare in steps.
    static func steps(_ spikes: [Spike]) -> [[Int]] { spikes.map { [Int(($0.t / dtMs).rounded()), $0.id] } }

    @Test func inlineTimesFireEveryNeuronOfThePopulationAtEachTime() throws {
        let times = [7.0, 0.1, 2.5]
        let recorded = try Self.recordedSpikes(size: 3, params: "{\"spike_times\": \(times)}")
        let expected = times.sorted().flatMap { t in (0..<3).map { Spike(t: t, id: $0) } }
        #expect(Self.steps(recorded) == Self.steps(expected))
        #expect(zip(recorded, expected).allSatisfy { abs($0.t - $1.t) < 1e-12 })
    }

    @Test func perNeuronListsFireOnlyTheirOwnNeuron() throws {
        let lists: [[Double]] = [[3.0, 1.0], [], [2.0, 0.5, 19.9]]
        let recorded = try Self.recordedSpikes(size: 3, params: "{\"spike_times\": \(lists)}")
        let expected = lists.enumerated().flatMap { id, ts in ts.map { Spike(t: $0, id: id) } }.sorted()
        #expect(Self.steps(recorded) == Self.steps(expected))
    }

    @Test func structuredNpyFileWithTimesAndIdsIsReplayed() throws {
        let dir = try InlineConfig.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Unsorted, as a user might concatenate files; the spike recorder's own format.
        let times = [5.0, 1.2, 5.0, 0.3, 12.0]
        let ids: [Int32] = [1, 3, 0, 2, 1]
        try NpyWriter.spikes(times: times, ids: ids).write(to: dir.appendingPathComponent("in.npy"))
        let recorded = try Self.recordedSpikes(size: 4, params: "{\"file\": \"in.npy\"}", baseDirectory: dir)
        let expected = zip(times, ids).map { Spike(t: $0, id: Int($1)) }.sorted()
        #expect(Self.steps(recorded) == Self.steps(expected))
    }

    @Test func plainFloat64NpyFileFiresEveryNeuronAtEachTime() throws {
        let dir = try InlineConfig.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let times = [4.2, 1.0]
        try NpyWriter.float64(times, shape: [2]).write(to: dir.appendingPathComponent("times.npy"))
        let recorded = try Self.recordedSpikes(size: 2, params: "{\"file\": \"times.npy\"}", baseDirectory: dir)
        let expected = times.sorted().flatMap { t in (0..<2).map { Spike(t: t, id: $0) } }
        #expect(Self.steps(recorded) == Self.steps(expected))
    }

    struct TooEarly: Sendable, CustomTestStringConvertible {
        var params: String
        var path: String
        var testDescription: String { params }
    }

    /// A spike stamped before the end of the first step cannot be emitted by any step: rejected, naming the value.
    @Test(arguments: [
        TooEarly(params: "{\"spike_times\": [5, 0.04]}", path: "populations[0].params.spike_times[1]"),
        TooEarly(params: "{\"spike_times\": [[1], [3, 0]]}", path: "populations[0].params.spike_times[1][1]"),
        TooEarly(params: "{\"spike_times\": [-1]}", path: "populations[0].params.spike_times[0]"),
    ])
    func spikeTimesBeforeTheFirstStepEndAreRejectedWithTheirPath(_ c: TooEarly) throws {
        let error = try #require(throws: ConfigError.self) {
            try Simulation(spec: InlineConfig.config(Self.json(size: 2, params: c.params)))
        }
        #expect(error.path == c.path)
        #expect(error.problem.hasPrefix("spike time must be >= dt"), "\(error)")
    }

    @Test func tooEarlyTimeInANpyFileIsRejectedWithTheFileKeyPath() throws {
        let dir = try InlineConfig.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try NpyWriter.spikes(times: [1.0, 0.0], ids: [0, 0]).write(to: dir.appendingPathComponent("in.npy"))
        let error = try #require(throws: ConfigError.self) {
            try Simulation(spec: InlineConfig.config(Self.json(size: 1, params: "{\"file\": \"in.npy\"}"), baseDirectory: dir))
        }
        #expect(error.path == "populations[0].params.file")
        #expect(error.problem.hasPrefix("spike time must be >= dt"), "\(error)")
    }

    @Test func npyIdOutsideThePopulationIsRejected() throws {
        let dir = try InlineConfig.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try NpyWriter.spikes(times: [1.0, 2.0], ids: [0, 2]).write(to: dir.appendingPathComponent("in.npy"))
        let error = try #require(throws: ConfigError.self) {
            try Simulation(spec: InlineConfig.config(Self.json(size: 2, params: "{\"file\": \"in.npy\"}"), baseDirectory: dir))
        }
        #expect(error.path == "populations[0].params.file")
        #expect(error.problem.contains("id 2"), "\(error)")
    }
}
