import Foundation
import Testing
@testable import SwiftSNN

/// As dt → 0 the clock engine's spike times converge to the event engine's: both integrate the subthreshold
/// dynamics exactly and deliver inputs at the same times (all times and delays here lie on every grid used), so
/// they differ only because the clock engine sees a threshold crossing at the end of its step and resets there,
/// an error below dt per spike that later spikes inherit. The reference is the event engine, an independent
/// solution (closed-form crossing times, no grid); the clock engine must approach it monotonically.
@Suite struct ClockConvergenceTests {
    static let steps = [0.1, 0.05, 0.025, 0.0125]

    /// The distance between the clock engine's spikes and the event engine's at each dt: over every spike of
    /// either run, the mean distance to the nearest spike of the same neuron in the other run (`windowMs` if that
    /// neuron did not fire there). At coarse dt the clock engine can lose or gain a spike (a crossing and an
    /// inhibitory arrival in the same step cancel), which this counts as a large error rather than mismatching
    /// the trains.
    static func errors(_ json: (_ engine: String, _ dtMs: Double) -> String, neurons: Int, windowMs: Double) throws -> [Double] {
        let exact = try SpikeTrains.of(InlineConfig.run(json("event", 0.1)), recorder: "spikes", count: neurons)
        let total = exact.map(\.count).reduce(0, +)
        try #require(total >= 10, "only \(total) spikes")
        func distances(_ from: [[Double]], _ to: [[Double]]) -> [Double] {
            zip(from, to).flatMap { a, b in a.map { t in b.map { abs($0 - t) }.min() ?? windowMs } }
        }
        return try steps.map { dt in
            let clock = try SpikeTrains.of(InlineConfig.run(json("clock", dt)), recorder: "spikes", count: neurons)
            let all = distances(clock, exact) + distances(exact, clock)
            return all.reduce(0, +) / Double(all.count)
        }
    }

    /// Monotone, and first order: two halvings of dt divide the error by about 4 (at least 2.5 is asked, as single
    /// step-quantisation errors scatter).
    static func convergeInFirstOrder(_ errors: [Double]) -> Bool {
        zip(errors, errors.dropFirst()).allSatisfy { $0 > $1 } && errors[1] >= 2.5 * errors[3]
    }

    static func params(_ model: String) -> String {
        model == "iaf_psc_exp" ? #""tau_syn_ex": 2, "tau_syn_in": 5"# : #""C_m": 250"#
    }

    /// Ten neurons above rheobase (I_e 420 pA against 375 pA), started at different potentials, each receiving the
    /// same five input spikes with its own weight.
    @Test(arguments: ["iaf_psc_delta", "iaf_psc_exp"])
    func singleNeuronSpikeTimesConvergeAsDtShrinks(model: String) throws {
        let scale = model == "iaf_psc_exp" ? 100.0 : 1.0  // pA instead of mV
        let weights = (0..<10).map { (Double($0 % 5) - 2) * 1.5 * scale }
        let start = (0..<10).map { -70 + Double($0) * 1.4 }
        let errors = try Self.errors({ engine, dt in
            """
            {
              "simulation": {"duration_ms": 100, "dt_ms": \(dt), "engine": "\(engine)"},
              "populations": [
                {"name": "sg", "size": 1, "model": "spike_generator", "params": {"spike_times": [13.0, 31.3, 47.7, 60.0, 85.2]}},
                {"name": "n", "size": 10, "model": "\(model)", "params": {"I_e": 420, "t_ref": 2, \(Self.params(model))},
                 "initial": {"V_m": {"array": \(start)}}}
              ],
              "projections": [{"source": "sg", "target": "n", "connectivity": {"rule": "all_to_all"},
                               "synapse": {"weight": {"array": \(weights)}, "delay_ms": 1.0}}],
              "recorders": [{"name": "spikes", "type": "spikes", "population": "n"}]
            }
            """
        }, neurons: 10, windowMs: 100)
        #expect(Self.convergeInFirstOrder(errors), "mean errors \(errors) ms")
    }

    /// 50 neurons driven above threshold by their leak (E_L above V_th, as in the CUBA benchmark) and coupled at
    /// random, over 40 ms: long enough for every neuron to fire and pass spikes around, short enough that the
    /// network has not yet amplified the differences into different spike counts.
    @Test(arguments: ["iaf_psc_delta", "iaf_psc_exp"])
    func recurrentNetworkSpikeTimesConvergeAsDtShrinks(model: String) throws {
        let weight = model == "iaf_psc_exp" ? #"{"uniform": [-150, 100]}"# : #"{"uniform": [-1.5, 1.0]}"#
        let errors = try Self.errors({ engine, dt in
            """
            {
              "simulation": {"duration_ms": 40, "dt_ms": \(dt), "engine": "\(engine)", "seed": 7},
              "populations": [{"name": "n", "size": 50, "model": "\(model)",
                "params": {"E_L": -49, "V_th": -50, "V_reset": -60, "tau_m": 20, "t_ref": 2, \(Self.params(model))},
                "initial": {"V_m": {"uniform": [-60, -50]}}}],
              "projections": [{"source": "n", "target": "n", "connectivity": {"rule": "pairwise_bernoulli", "p": 0.2},
                               "synapse": {"weight": \(weight), "delay_ms": 1.0}}],
              "recorders": [{"name": "spikes", "type": "spikes", "population": "n"}]
            }
            """
        }, neurons: 50, windowMs: 40)
        #expect(Self.convergeInFirstOrder(errors), "mean errors \(errors) ms")
    }
}
