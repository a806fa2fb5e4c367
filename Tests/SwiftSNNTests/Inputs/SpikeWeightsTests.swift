import Foundation
import Testing
@testable import SwiftSNN

/// `spike_generator`'s `spike_weights` (NEST semantics: spike k reaches each target with the connection's weight
/// times spike_weights[k], the product's sign choosing the port), in both engines.
@Suite struct SpikeWeightsTests {
    static let times = [10.0, 30.0, 30.5, 60.0], factors = [1.0, -0.5, 2.5, 0.25]

    static func json(engine: String, threads: Int = 1, size: Int = 1, params: String, connectivity: String = "all_to_all",
                     plasticity: String = "") -> String {
        """
        {
          "simulation": {"duration_ms": 100, "dt_ms": 0.1, "threads": \(threads), "engine": "\(engine)"},
          "populations": [{"name": "n", "size": \(size), "model": "iaf_psc_exp"},
                          {"name": "sg", "size": \(size), "model": "spike_generator", "params": \(params)}],
          "projections": [{"source": "sg", "target": "n", "connectivity": {"rule": "\(connectivity)"},
                           "synapse": {"weight": 100, "delay_ms": 1}\(plasticity)}],
          "recorders": [{"name": "trace", "type": "state", "population": "n",
                         "variables": ["V_m", "I_syn_ex", "I_syn_in"], "interval_ms": 0.1},
                        {"name": "spikes", "type": "spikes", "population": "sg"}]
        }
        """
    }

    static func trace(_ json: String, variable: String, neuron: Int = 0) throws -> [Double] {
        let simulation = try InlineConfig.run(json)
        return try simulation.samples("trace", variable: variable).values.map { $0[neuron] }
    }

    /// Reference: models/nest/spike_weights_iaf_psc_exp.csv, NEST 3.10: the four spikes of `times` with the factors
    /// `factors` through a 100 pA, 1 ms connection into iaf_psc_exp (I_syn_ex +100 pA at 11.0 ms, I_syn_in −50 pA at
    /// 31.0 ms, I_syn_ex +250 pA at 31.5 ms, +25 pA at 61.0 ms). Both integrate exactly, so the clock engine agrees
    /// to rounding; the event engine evaluates the same exact solution at the sample times from the exact arrival
    /// times, which accumulate rounding differently (1e-9 mV). With two threads the clock engine is unchanged.
    @Test(arguments: [("clock", 1, 1e-12), ("clock", 2, 1e-12), ("event", 1, 1e-9)])
    func weightedSpikesMatchNest(engine: String, threads: Int, tolerance: Double) throws {
        let nest = try NestTrace("spike_weights_iaf_psc_exp")
        let json = Self.json(engine: engine, threads: threads, params: "{\"spike_times\": \(Self.times), \"spike_weights\": \(Self.factors)}")
        for variable in ["V_m", "I_syn_ex", "I_syn_in"] {
            let ours = try Self.trace(json, variable: variable), theirs = nest.afterEachStep(variable)
            #expect(ours.count == theirs.count)
            #expect(zip(ours, theirs).map { abs($0 - $1) }.max()! < tolerance, "\(variable)")
        }
    }

    /// Reference: NEST's semantics with per-neuron lists: neuron i's spike k carries spike_weights[i][k]. Neuron 0's
    /// spike at 10 ms (factor 2) makes I_syn_ex = 200 e^{−(t − 11)/2} pA from 11.0 ms in its own target only, neuron
    /// 1's at 20 ms (factor −1) I_syn_in = −100 e^{−(t − 21)/2} pA from 21.0 ms (τ_syn 2 ms, one-to-one, 1 ms delay).
    @Test(arguments: ["clock", "event"])
    func perNeuronWeightsScaleOnlyTheirOwnSpikes(engine: String) throws {
        let json = Self.json(engine: engine, size: 2, params: #"{"spike_times": [[10], [20]], "spike_weights": [[2], [-1]]}"#,
                             connectivity: "one_to_one")
        let simulation = try InlineConfig.run(json)
        let excitatory = try simulation.samples("trace", variable: "I_syn_ex").values
        let inhibitory = try simulation.samples("trace", variable: "I_syn_in").values
        let current = { (amplitude: Double, arrival: Double, t: Double) in t < arrival - 1e-9 ? 0 : amplitude * exp(-(t - arrival) / 2) }
        for (k, (ex, inh)) in zip(excitatory, inhibitory).enumerated() {
            let t = Double(k + 1) * 0.1
            #expect(abs(ex[0] - current(200, 11, t)) < 1e-9 && ex[1] == 0, "I_syn_ex at \(t) ms")
            #expect(inh[0] == 0 && abs(inh[1] - current(-100, 21, t)) < 1e-9, "I_syn_in at \(t) ms")
        }
    }

    /// Reference: the generator's spikes are those of spike_times, whatever their weights: recorded as without them.
    @Test func weightedSpikesAreRecordedAtTheirTimes() throws {
        let simulation = try InlineConfig.run(Self.json(engine: "clock", params: "{\"spike_times\": \(Self.times), \"spike_weights\": \(Self.factors)}"))
        let recorder = try InlineConfig.recorder("spikes", of: simulation, as: SpikeRecorder.self)
        let file = try NpyArray(data: recorder.output(grid: simulation.network.grid))
        #expect(try file.field("t").map { ($0 * 10).rounded() } == Self.times.map { ($0 * 10).rounded() })
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var params: String
        var plasticity = ""
        var size = 1
        var path: String
        var testDescription: String { path + " " + params }
    }

    /// Reference: NEST requires one weight per spike time; its weighted events are a device's, which only static
    /// synapses carry here. Each a one-line error naming the JSON path.
    @Test(arguments: [
        Refusal(params: #"{"spike_times": [1, 2], "spike_weights": [1]}"#, path: "populations[1].params.spike_weights"),
        Refusal(params: #"{"spike_times": [[1], [2, 3]], "spike_weights": [[1], [2]]}"#, size: 2,
                path: "populations[1].params.spike_weights[1]"),
        Refusal(params: #"{"spike_times": [[1], [2]], "spike_weights": [1, 2]}"#, size: 2,
                path: "populations[1].params.spike_weights"),
        Refusal(params: #"{"file": "x.npy", "spike_weights": [1]}"#, path: "populations[1].params.spike_weights"),
        Refusal(params: #"{"spike_times": [1], "spike_weights": [1]}"#, plasticity: #", "plasticity": {"rule": "stdp"}"#,
                path: "projections[0].plasticity"),
    ])
    func badSpikeWeightsAreRefusedWithTheirPath(_ c: Refusal) throws {
        let error = try #require(throws: ConfigError.self) {
            try Simulation(spec: InlineConfig.config(Self.json(engine: "clock", size: c.size, params: c.params,
                                                               plasticity: c.plasticity)))
        }
        #expect(error.path == c.path, "\(error)")
        #expect(!error.description.contains("\n"))
    }

    /// Reference: astrocyte_lr_1994 takes only weights ≥ 0 (its IP3 only rises with input), and a negative factor
    /// turns a positive weight negative.
    @Test func negativeFactorsOntoAModelWithoutNegativeWeightsAreRefused() throws {
        let json = #"""
        {"simulation": {"duration_ms": 10}, "populations": [{"name": "a", "size": 1, "model": "astrocyte_lr_1994"},
          {"name": "sg", "size": 1, "model": "spike_generator", "params": {"spike_times": [1, 2], "spike_weights": [1, -1]}}],
         "projections": [{"source": "sg", "target": "a", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1}}]}
        """#
        let error = try #require(throws: ConfigError.self) { try Simulation(spec: InlineConfig.config(json)) }
        #expect(error.description == "projections[0].source: astrocyte_lr_1994 takes only weights >= 0; 'sg' has negative spike_weights")
    }
}
