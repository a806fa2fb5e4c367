import Foundation
import Testing
@testable import SwiftSNN

/// Plasticity inside a recurrent network: results independent of the thread count (reference: the 1-thread run),
/// and the configs that plastic projections cannot take yet are refused with their JSON path.
@Suite struct PlasticNetworkTests {
    static let stdp = #"{"rule": "stdp", "params": {"lambda": 0.02, "alpha": 1.05, "w_max": 100}}"#

    /// Rules with every kind of engine involvement: pair traces, per-synapse eligibility updated every step with
    /// a volume-transmitter modulator, triplet traces, rate traces with a scheduled learning rate.
    static let plasticities: [(plasticity: String, modulators: String)] = [
        (stdp, ""),
        (#"{"rule": "three_factor", "params": {"eta": 0.002, "tau_e": 100, "w_max": 100, "b": 0.5, "modulation": {"modulator": "da"}}}"#,
         #"{"name": "da", "type": "volume_transmitter", "population": "exc", "tau_ms": 50, "increment": 0.01}"#),
        (#"{"rule": "stdp_triplet", "params": {"Aplus": 0.5, "Aminus": 0.5, "w_max": 100}}"#, ""),
        (#"{"rule": "hebbian", "params": {"eta": {"initial": 0.01, "factor": 0.9, "every_ms": 10}, "alpha": 0.001, "w_min": 0}}"#, ""),
    ]

    static func network(threads: Int, delay: String = "1.5", source: String = "exc", plasticity: String = stdp,
                        modulators: String = "") -> String {
        """
        {"simulation": {"duration_ms": 300, "dt_ms": 0.1, "seed": 11, "threads": \(threads)},
         "populations": [
           {"name": "exc", "size": 120, "model": "iaf_psc_exp", "initial": {"V_m": {"uniform": [-70, -55]}}},
           {"name": "noise", "size": 1, "model": "poisson_generator", "params": {"rate": 9000}}],
         "modulators": [\(modulators)],
         "projections": [
           {"source": "\(source)", "target": "exc", "connectivity": {"rule": "fixed_indegree", "K": 20},
            "synapse": {"weight": {"uniform": [20, 80]}, "delay_ms": \(delay)},
            "plasticity": \(plasticity)},
           {"source": "noise", "target": "exc", "connectivity": {"rule": "all_to_all"},
            "synapse": {"weight": 90, "delay_ms": 0.1}}],
         "recorders": [{"name": "w", "type": "weights", "projection": 0, "interval_ms": 50},
                       {"name": "s", "type": "spikes", "population": "exc"}]}
        """
    }

    @Test(arguments: plasticities)
    func plasticNetworkGivesIdenticalSpikesAndWeightsForOneToThreeThreads(plasticity: String, modulators: String) throws {
        func json(_ threads: Int) -> String {
            Self.network(threads: threads, plasticity: plasticity, modulators: modulators)
        }
        func outputs(_ threads: Int) throws -> [Data] {
            let simulation = try InlineConfig.run(json(threads))
            return simulation.recorders.flatMap { $0.files(grid: simulation.network.grid).map(\.data) }
        }
        let reference = try outputs(1)
        let simulation = try InlineConfig.run(json(1))
        let w = try InlineConfig.recorder("w", of: simulation, as: WeightRecorder.self)
        let first = w.samples.prefix(w.sources.count), last = w.samples.suffix(w.sources.count)
        #expect(first != last, "the weights must actually change for the comparison to mean something")
        for threads in [2, 3] {
            #expect(try outputs(threads) == reference, "\(threads) threads")
        }
    }

    /// Per-synapse delays split each source's synapses into delay channels with their own traces and arrival
    /// times; the run is still byte-identical across thread counts.
    @Test func perSynapseDelaysGiveIdenticalSpikesAndWeightsForOneToThreeThreads() throws {
        func outputs(_ threads: Int) throws -> [Data] {
            let simulation = try InlineConfig.run(Self.network(threads: threads, delay: #"{"uniform": [0.5, 3]}"#))
            return simulation.recorders.flatMap { $0.files(grid: simulation.network.grid).map(\.data) }
        }
        let reference = try outputs(1)
        for threads in [2, 3] {
            #expect(try outputs(threads) == reference, "\(threads) threads")
        }
    }

    @Test func generatorsCannotDrivePlasticity() throws {
        #expect(throws: ConfigError(path: "projections[0].plasticity", problem: "'noise' feeds its targets directly and has no spikes for plasticity to pair")) {
            _ = try Simulation(spec: InlineConfig.config(Self.network(threads: 1, source: "noise")))
        }
    }

    /// Saved weights loaded as `"weight": {"file": ...}` into the same config reproduce the trained weights synapse
    /// for synapse (fixed_indegree creates connections by target, and per-synapse delays regroup rows by delay, so
    /// the file must follow creation order, not rows).
    @Test(arguments: ["1.5", #"{"uniform": [0.5, 3]}"#])
    func savedWeightsReloadIntoTheSameNetwork(delay: String) throws {
        let directory = try InlineConfig.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let trained = try InlineConfig.run(Self.network(threads: 1, delay: delay))
        let files = try trained.saveWeights(to: directory)
        #expect(files.map(\.lastPathComponent) == ["weights_projection0.npy"])
        let reloaded = try Simulation(spec: InlineConfig.config(
            Self.network(threads: 1, delay: delay)
                .replacingOccurrences(of: #"{"uniform": [20, 80]}"#, with: #"{"file": "weights_projection0.npy"}"#),
            baseDirectory: directory))
        let before = trained.network.plasticProjections[0], after = reloaded.network.plasticProjections[0]
        #expect(Array(after.weights) == Array(before.weights))
        #expect(Array(after.weights) != before.synapses.weight, "training must have changed the weights")
    }
}
