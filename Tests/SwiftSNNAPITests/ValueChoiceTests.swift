import Foundation
import SwiftSNN
import Testing

/// `{"choice": [...]}`: one of the listed values per element, each equally likely (NALSM's random-sign input
/// weights). Reference: binomial statistics of independent draws.
@Suite struct ValueChoiceTests {
    static func spec(seed: UInt64 = 1) -> NetworkSpec {
        NetworkSpec(simulation: SimulationSpec(durationMs: 1, seed: seed),
                    populations: [PopulationSpec(name: "in", size: 100, model: "spike_generator", params: ["spike_times": .numbers([])]),
                                  PopulationSpec(name: "n", size: 100, IafPscDelta.Parameters())],
                    projections: [ProjectionSpec(source: "in", target: "n", connectivity: .allToAll, weight: .choice([-3, 3]))])
    }

    @Test func eachListedValueIsDrawnEquallyOften() throws {
        let weights = try Simulation(spec: Self.spec()).synapses(ofProjection: 0).weights
        #expect(weights.allSatisfy { $0 == -3 || $0 == 3 })
        let positive = Double(weights.filter { $0 > 0 }.count), n = Double(weights.count)
        #expect(abs(positive - n / 2) < 5 * (n / 4).squareRoot())
        #expect(try Simulation(spec: Self.spec()).synapses(ofProjection: 0).weights == weights)
        #expect(try Simulation(spec: Self.spec(seed: 2)).synapses(ofProjection: 0).weights != weights)
    }

    @Test func roundTripsThroughJSONAndRefusesAnEmptyList() throws {
        #expect(try NetworkSpec(json: Self.spec().jsonText) == Self.spec())
        var spec = Self.spec()
        spec.projections[0].weight = .choice([])
        #expect(throws: ConfigError(path: "projections[0].synapse.weight.choice", problem: "must list at least one value")) {
            try Simulation(spec: spec)
        }
    }
}
