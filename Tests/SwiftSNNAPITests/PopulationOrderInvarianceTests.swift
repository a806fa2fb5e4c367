import Foundation
import SwiftSNN
import Testing

/// A metamorphic test, as NEST tests itself: listing a config's populations in another order changes nothing a
/// run produces in the clock engine. Random initial values and Bernoulli draws are keyed by population name
/// (`RandomStream.key`), connectivity, weights, delays and Poisson streams by projection; the populations are
/// referred to by name everywhere else. Reference: the run of the config as bundled.
@Suite struct PopulationOrderInvarianceTests {
    static func outputs(_ spec: NetworkSpec) throws -> [String: [Double]] {
        var sim = try Simulation(spec: spec)
        try sim.run()
        var out: [String: [Double]] = [:]
        for recorder in sim.recorders {
            guard let spikes = try? sim.spikes(recorder.name) else { continue }
            out[recorder.name] = spikes.timesMs + spikes.ids.map(Double.init)
        }
        for i in spec.projections.indices { out["weights\(i)"] = try sim.synapses(ofProjection: i).weights.map(Double.init) }
        return out
    }

    @Test(arguments: [("cuba", 50.0), ("brunel", 15.0), ("dopamine_stdp", 100.0), ("astro_stdp", 100.0), ("tripartite", 100.0)])
    func reversingThePopulationsLeavesSpikesAndWeightsIdentical(name: String, durationMs: Double) throws {
        var spec = try NetworkSpec.load(from: Repository.root.appendingPathComponent("configs/\(name).json"))
        spec.simulation.durationMs = durationMs
        var reversed = spec
        reversed.populations.reverse()
        let reference = try Self.outputs(spec)
        #expect(reference.values.contains { $0.count > 100 }, "the window must contain spikes for the comparison to mean something")
        #expect(try Self.outputs(reversed) == reference)
    }
}
