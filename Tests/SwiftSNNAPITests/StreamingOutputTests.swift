import Foundation
import SwiftSNN
import Testing

/// Recorders written while the run goes on (`Simulation.run(streamingTo:)`): the files equal what a run held in
/// memory would write, are valid arrays at every flush, and the recorders keep no more than one piece.
@Suite struct StreamingOutputTests {
    /// 3.5 s, so the run goes in pieces of 1 s: recurrent iaf_psc_delta under Poisson drive, with spikes, state and
    /// weight recorders.
    static func spec() -> NetworkSpec {
        let stdp = PlasticitySpec(rule: "stdp", params: ["w_max": 2])
        return NetworkSpec(simulation: SimulationSpec(durationMs: 3500, seed: 7),
                           populations: [PopulationSpec(name: "noise", size: 1, model: "poisson_generator", params: ["rate": 15000]),
                                         PopulationSpec(name: "net", size: 40, model: "iaf_psc_delta")],
                           projections: [ProjectionSpec(source: "noise", target: "net", connectivity: .allToAll, weight: .constant(0.2)),
                                         ProjectionSpec(source: "net", target: "net", connectivity: .pairwiseBernoulli(0.2),
                                                        weight: .constant(0.5), delayMs: 1.5, plasticity: stdp)],
                           recorders: [.spikes("spikes", of: "net"),
                                       .state("v", of: "net", variables: ["V_m"], neurons: [0, 5], intervalMs: 5),
                                       RecorderSpec(name: "w", kind: .weights(projection: 1, intervalMs: 100))])
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("snn-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func streamedFilesEqualTheWholeRunsAndTheRecordersHoldOnePieceAtMost() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var whole = try Simulation(spec: Self.spec())
        try whole.run()
        try whole.writeOutputs(to: root.appendingPathComponent("whole"))

        var streamed = try Simulation(spec: Self.spec())
        let stream = try streamed.recordingStream(to: root.appendingPathComponent("streamed"))
        try streamed.run(streamingTo: stream)
        // After the last piece's flush nothing waits in memory.
        #expect(try streamed.spikes("spikes").count == 0 && streamed.samples("v", variable: "V_m").timesMs.isEmpty)
        try streamed.finish(stream)

        for name in ["spikes.npy", "v.npy", "w.npy", "w_sources.npy", "w_targets.npy"] {
            let a = try NpyArray.read(from: root.appendingPathComponent("whole/\(name)"))
            let b = try NpyArray.read(from: root.appendingPathComponent("streamed/\(name)"))
            #expect(a.shape == b.shape, "\(name)")
            if name == "spikes.npy" {
                #expect(try a.field("t") == b.field("t") && a.field("id") == b.field("id"))
            } else {
                #expect(try a.doubles() == b.doubles(), "\(name)")
            }
        }
        let spikes = try NpyArray.read(from: root.appendingPathComponent("streamed/spikes.npy"))
        #expect(spikes.shape[0] == whole.summary.populations["net"]?.spikes && spikes.shape[0] > 1000)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("streamed/summary.json"))) as? [String: Any]
        #expect(summary?["files"] as? [String] == ["spikes.npy", "v.npy", "w.npy", "w_sources.npy", "w_targets.npy"])
        #expect(summary?["interrupted"] == nil && summary?["error"] == nil)
    }

    @Test func aGrowingFileIsAValidArrayOfTheRowsFlushedSoFar() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var sim = try Simulation(spec: Self.spec())
        let stream = try sim.recordingStream(to: root)
        try sim.run(durationMs: 1200, streamingTo: stream)
        let partial = try #require(try FileManager.default.contentsOfDirectory(atPath: root.path)
            .first { $0.hasPrefix(".v.npy.") && $0.hasSuffix(".partial") })
        let v = try NpyArray.read(from: root.appendingPathComponent(partial))
        // A sample every 5 ms: 240 in 1200 ms, none held back.
        #expect(v.shape == [240, 2, 1])
        #expect(try sim.samples("v", variable: "V_m").timesMs.isEmpty)
        // The state recorder's times go on after what it dropped.
        try sim.run(durationMs: 10)
        #expect(try sim.samples("v", variable: "V_m").timesMs == [1205, 1210])
        try sim.finish(stream)
        #expect(try NpyArray.read(from: root.appendingPathComponent("v.npy")).shape == [242, 2, 1])
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: root.path)).contains { $0.hasSuffix(".partial") })
    }
}
