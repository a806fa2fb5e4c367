import Foundation
import Testing
@testable import SwiftSNN

/// One plastic synapse driven by planned spikes, for tests against a rule's closed form: presynaptic spikes
/// arrive at `arrivals` (a spike generator behind a 1 ms delay), the postsynaptic neuron fires at `posts` (100 mV
/// kicks into an iaf_psc_delta neuron), and the plastic weight is too small to make it fire by itself.
struct SpikePairingProtocol {
    static let delayMs = 1.0

    var rule: String
    /// The rule's `params` object, as JSON.
    var params: String
    var w0: Double
    var durationMs = 400.0
    var engine = "clock"
    /// Extra `"modulators"` entries and populations they use, as JSON list items.
    var modulators = ""
    var populations = ""

    /// The weight at the end of the run, after checking that the kicks fired as planned.
    func finalWeight(arrivals: [Double], posts: [Double]) throws -> Double {
        try weights(arrivals: arrivals, posts: posts, intervalMs: durationMs).last!
    }

    /// The weight every `intervalMs`.
    func weights(arrivals: [Double], posts: [Double], intervalMs: Double) throws -> [Double] {
        let simulation = try InlineConfig.run(json(arrivals: arrivals, posts: posts, intervalMs: intervalMs))
        let fired = engine == "event" ? try InlineConfig.recorder("s", of: simulation, as: ExactSpikeRecorder.self).times
            : try InlineConfig.recorder("s", of: simulation, as: SpikeRecorder.self).times(grid: simulation.network.grid)
        #expect(zip(fired, posts).allSatisfy { abs($0 - $1) < 1e-9 } && fired.count == posts.count, "kicks must fire as planned")
        return try InlineConfig.recorder("w", of: simulation, as: WeightRecorder.self).samples
    }

    /// The config, with a weight recorder `w` sampling every `intervalMs` (default: the duration).
    func json(arrivals: [Double], posts: [Double], intervalMs: Double? = nil) -> String {
        """
            {"simulation": {"duration_ms": \(durationMs), "dt_ms": 0.1, "seed": 1, "engine": "\(engine)"},
             "populations": [
               {"name": "pre", "size": 1, "model": "spike_generator", "params": {"spike_times": \(arrivals.map { $0 - Self.delayMs })}},
               {"name": "kick", "size": 1, "model": "spike_generator", "params": {"spike_times": \(posts.map { $0 - 0.1 })}},
               \(populations.isEmpty ? "" : populations + ",")
               {"name": "post", "size": 1, "model": "iaf_psc_delta",
                "params": {"E_L": 0, "V_th": 20, "V_reset": 0, "t_ref": 0.1}, "initial": {"V_m": 0}}],
             "modulators": [\(modulators)],
             "projections": [
               {"source": "pre", "target": "post", "connectivity": {"rule": "all_to_all"},
                "synapse": {"weight": \(w0), "delay_ms": \(Self.delayMs)},
                "plasticity": {"rule": "\(rule)", "params": \(params)}},
               {"source": "kick", "target": "post", "connectivity": {"rule": "all_to_all"},
                "synapse": {"weight": 100, "delay_ms": 0.1}}],
             "recorders": [{"name": "w", "type": "weights", "projection": 0, "interval_ms": \(intervalMs ?? durationMs)},
                           {"name": "s", "type": "spikes", "population": "post"}]}
            """
    }
}
