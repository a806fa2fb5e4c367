import Foundation
import SwiftSNN
import Testing

/// A metamorphic test, as NEST tests itself: listing a config's populations in another order changes nothing a
/// run produces, in either engine. Random initial values and Bernoulli draws are keyed by population name
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

    /// The event engine: simultaneous events are ordered by the population's name, not its place in the config.
    /// Three generators fire at the same instants into one neuron whose V_m rests at 1/3, with single-precision
    /// weights whose sum with it depends on the order of addition (in doubles, ((1/3 + w₁) + w₂) + w₃ and
    /// ((1/3 + w₃) + w₂) + w₁ differ by 2.8e-14 for these); and cuba_event's network.
    @Test func reversingThePopulationsLeavesTheEventEngineIdentical() throws {
        let generators = (1...3).map { k in
            PopulationSpec(name: "g\(k)", size: 1, model: "spike_generator", params: ["spike_times": .numbers([1, 2, 3])])
        }
        var spec = NetworkSpec(
            simulation: SimulationSpec(durationMs: 5, dtMs: 0.1, engine: .event),
            populations: generators + [PopulationSpec(name: "n", size: 1, model: "iaf_psc_delta",
                                                      params: ["E_L": .number(1.0 / 3), "V_reset": 0, "V_th": 1e4],
                                                      initial: ["V_m": .constant(1.0 / 3)])],
            projections: zip(1...3, [0.006400080863386393, 121.50731658935547, 38.251434326171875]).map { k, w in
                ProjectionSpec(source: "g\(k)", target: "n", connectivity: .allToAll, weight: .constant(w))
            },
            recorders: [.state("v", of: "n", variables: ["V_m"], intervalMs: 0.1)])
        func trace(_ spec: NetworkSpec) throws -> [UInt64] {
            var sim = try Simulation(spec: spec)
            try sim.run()
            return try sim.samples("v", variable: "V_m").values.map { $0[0].bitPattern }
        }
        var reversed = spec
        reversed.populations.reverse()
        #expect(try trace(reversed) == trace(spec))
        spec = try NetworkSpec.load(from: Repository.root.appendingPathComponent("configs/cuba_event.json"))
        spec.simulation.durationMs = 100
        reversed = spec
        reversed.populations.reverse()
        #expect(try Self.outputs(reversed) == Self.outputs(spec))
    }
}
