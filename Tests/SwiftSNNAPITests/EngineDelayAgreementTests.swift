import Foundation
import SwiftSNN
import Testing

/// The clock and event engines on one network whose every spike lies on the grid: with integer delays the clock
/// engine's arrivals are exact, so both must give the same spikes and weights (the event engine is the reference:
/// it pairs exact times in continuous time, the clock engine decays traces step by step).
@Suite struct EngineDelayAgreementTests {
    /// 12 spike generators send on-grid spike trains into 3 `iaf_psc_delta` neurons through STDP synapses with per-synapse
    /// integer delays, including multapses (the same pair twice, with different delays); a teacher makes the
    /// targets fire at on-grid times through synapses strong enough on their own.
    static func spec(engine: EngineKind) -> NetworkSpec {
        func train(first: Int) -> [Double] { (0..<8).map { k in Double(first + 37 * k) } }
        let times = (0..<12).map { i in train(first: 10 + (3 * i) % 29) }
        let teacher = (0..<3).map { j in train(first: 14 + 5 * j) }
        var sources: [Int] = [], targets: [Int] = [], delays: [Double] = []
        for i in 0..<12 {
            for j in 0..<3 {
                sources += [i, i]
                targets += [j, j]
                delays += [Double(1 + (i + j) % 6), Double(2 + (2 * i + j) % 7)]
            }
        }
        let post = IafPscDelta.Parameters(capacitancePF: 250, tauMembraneMs: 10, restingMV: 0, thresholdMV: 15,
                                          resetMV: 0, refractoryMs: 2, constantCurrentPA: 0)
        return NetworkSpec(
            simulation: SimulationSpec(durationMs: 320, engine: engine),
            populations: [PopulationSpec(name: "gen", size: 12, model: "spike_generator", params: ["spike_times": .lists(times)]),
                          PopulationSpec(name: "teach", size: 3, model: "spike_generator", params: ["spike_times": .lists(teacher)]),
                          PopulationSpec(name: "post", size: 3, post, initial: ["V_m": 0])],
            projections: [ProjectionSpec(source: "gen", target: "post", connectivity: .explicit(sources: sources, targets: targets),
                                         weight: .constant(1), delayMs: .array(delays),
                                         plasticity: PlasticitySpec(rule: "stdp", params: ["lambda": 0.05, "w_max": 5])),
                          ProjectionSpec(source: "teach", target: "post", connectivity: .oneToOne, weight: .constant(100), delayMs: 1)],
            recorders: [.spikes("post", of: "post")])
    }

    @Test func plasticMultapsesWithIntegerDelaysGiveTheSameSpikesAndWeightsInBothEngines() throws {
        var clock = try Simulation(spec: Self.spec(engine: .clock)), event = try Simulation(spec: Self.spec(engine: .event))
        try clock.run()
        try event.run()
        let c = try clock.spikes("post"), e = try event.spikes("post")
        #expect(c.count >= 24 && c.ids == e.ids)
        #expect(zip(c.timesMs, e.timesMs).allSatisfy { abs($0 - $1) < 1e-9 })
        // The engines store the synapses in different orders (the clock engine groups each source's by delay), so
        // they are compared as (source, target, delay) → weight.
        func synapses(_ sim: Simulation) throws -> [(key: [Double], weight: Float)] {
            let table = try sim.synapses(ofProjection: 0), delays = try sim.delays(ofProjection: 0)
            return table.weights.indices.map { ([Double(table.sources[$0]), Double(table.targets[$0]), delays[$0]], table.weights[$0]) }
                .sorted { $0.key.lexicographicallyPrecedes($1.key) }
        }
        let sc = try synapses(clock), se = try synapses(event)
        #expect(sc.count == 72 && Set(sc.map(\.weight)).count > 10)
        #expect(sc.map(\.key) == se.map(\.key))
        #expect(zip(sc, se).allSatisfy { abs($0.weight - $1.weight) <= 1e-5 * max(1, abs($1.weight)) })
    }
}
