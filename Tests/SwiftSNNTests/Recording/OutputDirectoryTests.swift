import Foundation
import Testing
@testable import SwiftSNN

/// `Simulation.writeOutputs` writes `summary.json` and one `<recorder>.npy` per recorder, each the recorder's own
/// array, into a directory it creates (and locks), leaving no temporary files.
@Suite struct OutputDirectoryTests {
    @Test func writesOneNpyPerRecorderAndTheSummaryAndNothingElse() throws {
        let json = """
        {
          "simulation": {"duration_ms": 5, "dt_ms": 0.1, "threads": 1},
          "populations": [
            {"name": "in", "size": 4, "model": "bernoulli_input", "params": {"p": 0.2}},
            {"name": "n", "size": 2, "model": "iaf_psc_exp"}
          ],
          "projections": [
            {"source": "in", "target": "n", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 50}}
          ],
          "recorders": [
            {"name": "in_spikes", "type": "spikes", "population": "in"},
            {"name": "vm", "type": "state", "population": "n", "variables": ["V_m"], "interval_ms": 0.5}
          ]
        }
        """
        let simulation = try InlineConfig.run(json)
        let root = try InlineConfig.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("nested/out")
        try simulation.writeOutputs(to: out)

        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [".snn-lock", "in_spikes.npy", "summary.json", "vm.npy"])
        for r in simulation.recorders {
            // The files are written as they would be while a run goes on, with a header of room for any row count.
            let written = try NpyArray.read(from: out.appendingPathComponent("\(r.name).npy"))
            let own = try NpyArray(data: r.output(grid: simulation.network.grid))
            #expect(written.shape == own.shape && written.payload == own.payload, "\(r.name)")
        }
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any]
        #expect(summary?["duration_ms"] as? Double == 5)
    }
}
