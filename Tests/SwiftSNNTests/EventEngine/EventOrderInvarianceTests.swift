import Foundation
import Testing
@testable import SwiftSNN

/// The event engine's output depends only on the network: not on the run, and not on the order in which events
/// enter its queue.
@Suite struct EventOrderInvarianceTests {
    /// Spike generators with coinciding times (ties between sources), per-synapse random delays, Poisson noise,
    /// both exact models, recurrent coupling; spike and state recorders.
    static func config(spikeTimes: String) -> String {
        """
        {
          "simulation": {"duration_ms": 200, "dt_ms": 0.1, "engine": "event", "seed": 5},
          "populations": [
            {"name": "sg", "size": 3, "model": "spike_generator", "params": {"spike_times": \(spikeTimes)}},
            {"name": "noise", "size": 1, "model": "poisson_generator", "params": {"rate": 800}},
            {"name": "e", "size": 30, "model": "iaf_psc_exp", "initial": {"V_m": {"uniform": [-70, -56]}}},
            {"name": "d", "size": 20, "model": "iaf_psc_delta", "params": {"I_e": 300}}
          ],
          "projections": [
            {"source": "sg", "target": "e", "connectivity": {"rule": "all_to_all"},
             "synapse": {"weight": 300, "delay_ms": {"uniform": [0.5, 2.0]}}},
            {"source": "noise", "target": "e", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 230}},
            {"source": "noise", "target": "d", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 0.6}},
            {"source": "e", "target": "d", "connectivity": {"rule": "pairwise_bernoulli", "p": 0.3},
             "synapse": {"weight": 0.8, "delay_ms": 1.0}},
            {"source": "d", "target": "e", "connectivity": {"rule": "pairwise_bernoulli", "p": 0.3},
             "synapse": {"weight": -200, "delay_ms": 0.7}}
          ],
          "recorders": [
            {"name": "spikes_e", "type": "spikes", "population": "e"},
            {"name": "spikes_d", "type": "spikes", "population": "d"},
            {"name": "vm", "type": "state", "population": "d", "variables": ["V_m"], "interval_ms": 0.5}
          ]
        }
        """
    }

    static let times = [[5.0, 20.0, 20.0, 33.3, 90.0], [5.0, 21.7, 33.3, 150.0], [5.0, 33.3, 64.1, 120.0, 121.0]]

    /// Every output file of a run of `json`.
    static func outputs(_ json: String) throws -> [String: Data] {
        let simulation = try InlineConfig.run(json)
        #expect(simulation.summary.populations["e"]!.spikes > 20 && simulation.summary.populations["d"]!.spikes > 20)
        let directory = try InlineConfig.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try simulation.writeOutputs(to: directory)
        var files: [String: Data] = [:]
        for name in ["spikes_e.npy", "spikes_d.npy", "vm.npy"] {
            files[name] = try Data(contentsOf: directory.appendingPathComponent(name))
        }
        return files
    }

    @Test func repeatedRunsGiveIdenticalBytes() throws {
        let json = Self.config(spikeTimes: "\(Self.times)")
        #expect(try Self.outputs(json) == Self.outputs(json))
    }

    /// The spike generators' lists in other orders put their spikes into the queue in another order.
    @Test func shuffledSpikeTimesGiveIdenticalBytes() throws {
        let reference = try Self.outputs(Self.config(spikeTimes: "\(Self.times)"))
        var rng = RandomStream(seed: 11, purpose: .connectivity, 0)
        for _ in 0..<3 {
            let shuffled = Self.times.map { $0.shuffled(using: &rng) }
            #expect(try Self.outputs(Self.config(spikeTimes: "\(shuffled)")) == reference, "order \(shuffled)")
        }
    }

    /// The queue's order is total: of two different events, even ones that agree in every field but one, exactly
    /// one comes first, so whatever order they were inserted in, they leave the queue in one sequence.
    @Test func eventOrderIsTotalSoInsertionOrderCannotMatter() {
        var events: [ScheduledEvent] = []
        for time in [1.0, 1.0.nextUp, 2.5] {
            for kind in [ScheduledEvent.Kind.current, .arrival, .poisson, .spike] {
                for population in 0..<2 {
                    for neuron in 0..<2 {
                        for stream in 0..<2 {
                            for index in 0..<2 {
                                events.append(ScheduledEvent(timeMs: time, kind: kind, population: Int32(population),
                                                             neuron: Int32(neuron), stream: Int32(stream), index: Int64(index)))
                            }
                        }
                    }
                }
            }
        }
        var ambiguous = 0
        for i in events.indices {
            for j in events.indices where i != j && (events[i] < events[j]) == (events[j] < events[i]) { ambiguous += 1 }
        }
        #expect(ambiguous == 0)
        var rng = RandomStream(seed: 3, purpose: .connectivity, 1)
        let reference = events.sorted()
        for _ in 0..<5 { #expect(events.shuffled(using: &rng).sorted() == reference) }
    }
}
