import Foundation
import Testing
@testable import SwiftSNN

/// `oja_subspace` against its equations evaluated here on dense matrices, for spike-generator inputs whose counts
/// per period are known: x = counts / T, y = W x, D = clip(y (x − Wᵀy)ᵀ, ±c), M ← μ M + (1 − μ) D, W ← W + η M.
@Suite struct OjaSubspaceTests {
    /// W[t][s] after each period of `periodMs`, from W₀ and the spike counts of each period (η per period).
    static func closedForm(w0: [[Double]], counts: [[Double]], periodMs: Double, eta: [Double], momentum: Double,
                           clip: Double) -> (weights: [[[Double]]], clipped: Int, unclipped: Int) {
        var w = w0, m = w0.map { $0.map { _ in 0.0 } }, out: [[[Double]]] = [], clipped = 0, unclipped = 0
        let k = w0.count, n = w0[0].count
        for (period, count) in counts.enumerated() {
            let x = count.map { $0 / periodMs }
            let y = (0..<k).map { t in (0..<n).reduce(0.0) { $0 + w[t][$1] * x[$1] } }
            let xHat = (0..<n).map { s in (0..<k).reduce(0.0) { $0 + w[$1][s] * y[$1] } }
            for t in 0..<k {
                for s in 0..<n {
                    let d = y[t] * (x[s] - xHat[s])
                    if abs(d) > clip { clipped += 1 } else { unclipped += 1 }
                    m[t][s] = momentum * m[t][s] + (1 - momentum) * min(max(d, -clip), clip)
                    w[t][s] += eta[period] * m[t][s]
                }
            }
            out.append(w)
        }
        return (out, clipped, unclipped)
    }

    /// All-to-all from `n` spike generators to `k` lateral iaf_psc_delta neurons that never fire and barely leak,
    /// so their V_m steps by exactly the weight each arrival transmits. Explicit connectivity lists the synapses
    /// source-major, so the weight array and the recorder's columns are W[t][s] in that order.
    static func network(spikeTimes: [[Double]], w0: [[Double]], periodMs: Double, durationMs: Double,
                        params: String, threads: Int = 1) -> String {
        let k = w0.count, n = w0[0].count
        let pairs = (0..<n).flatMap { s in (0..<k).map { (s, $0) } }
        return """
            {"simulation": {"duration_ms": \(durationMs), "dt_ms": 1, "seed": 3, "threads": \(threads)},
             "populations": [
               {"name": "pre", "size": \(n), "model": "spike_generator", "params": {"spike_times": \(spikeTimes)}},
               {"name": "lateral", "size": \(k), "model": "iaf_psc_delta", "params": {"tau_m": 1e9, "V_th": 1e9}}],
             "projections": [
               {"source": "pre", "target": "lateral",
                "connectivity": {"rule": "explicit", "sources": \(pairs.map(\.0)), "targets": \(pairs.map(\.1))},
                "synapse": {"weight": {"array": \(pairs.map { w0[$0.1][$0.0] })}, "delay_ms": 1},
                "plasticity": {"rule": "oja_subspace", "params": \(params)}}],
             "recorders": [{"name": "w", "type": "weights", "projection": 0, "interval_ms": \(periodMs)},
                           {"name": "v", "type": "state", "population": "lateral", "variables": ["V_m"], "interval_ms": 1}]}
            """
    }

    static func recordedWeights(_ simulation: Simulation, k: Int, n: Int) throws -> [[[Double]]] {
        let r = try InlineConfig.recorder("w", of: simulation, as: WeightRecorder.self)
        return (0..<r.sampleCount).map { sample in
            var w = [[Double]](repeating: [Double](repeating: .nan, count: n), count: k)
            for (j, (s, t)) in zip(r.sources, r.targets).enumerated() { w[Int(t)][Int(s)] = r.samples[sample * r.sources.count + j] }
            return w
        }
    }

    static func maxDifference(_ a: [[Double]], _ b: [[Double]]) -> Double {
        zip(a.joined(), b.joined()).map { abs($0 - $1) }.max()!
    }

    static let w0: [[Double]] = [[0.6, -0.2, 0.3, 0.1], [0.1, 0.5, -0.4, 0.2], [-0.3, 0.2, 0.1, 0.7]]

    /// One 20 ms period without momentum or clipping. Arrivals are spike time + 1 ms: source 1's spike at 19 ms
    /// arrives at 20 ms, the period's end, and counts; source 2's at 20 ms arrives in the next period, so x =
    /// (3, 2, 0, 1), and its arrival must carry the updated weights W₁[·][2] (W changes in that column too,
    /// through Wᵀy) while source 0's arrivals carried W₀[·][0].
    @Test func onePeriodMatchesClosedForm() throws {
        let simulation = try InlineConfig.run(Self.network(
            spikeTimes: [[3, 4, 5], [10, 19], [20], [7]], w0: Self.w0, periodMs: 20, durationMs: 30,
            params: #"{"eta": 10, "momentum": 0, "clip": 1000, "period_ms": 20}"#))
        let expected = Self.closedForm(w0: Self.w0, counts: [[3, 2, 0, 1]], periodMs: 20, eta: [10], momentum: 0, clip: 1000)
        let w = try Self.recordedWeights(simulation, k: 3, n: 4)
        #expect(w.count == 1)
        #expect(Self.maxDifference(w[0], expected.weights[0]) < 1e-6)
        #expect(Self.maxDifference(expected.weights[0], Self.w0) > 1e-2)
        #expect((0..<3).allSatisfy { abs(expected.weights[0][$0][2] - Self.w0[$0][2]) > 1e-4 })

        let v = try InlineConfig.recorder("v", of: simulation, as: StateRecorder.self)
        for t in 0..<3 {
            let trace = InlineConfig.trace(v, neuron: t)
            // Sample i is V_m after step i; an arrival at time a (step a − 1) shows between samples a − 2 and a − 1.
            #expect(abs((trace[3] - trace[2]) - Self.w0[t][0]) < 1e-6, "arrival at 4 ms, neuron \(t)")
            #expect(abs((trace[20] - trace[19]) - Double(Float(expected.weights[0][t][2]))) < 1e-6, "arrival at 21 ms, neuron \(t)")
        }
    }

    /// Three 10 ms periods with HLOP's momentum, a bound c that some entries of D exceed, and η halving every
    /// period through a schedule binding: every period's W equals the closed form.
    @Test func momentumClippingAndScheduledRateFollowHLOP() throws {
        let w0: [[Double]] = [[0.5, 0.4, -0.3], [0.2, -0.6, 0.5]]
        let spikeTimes: [[Double]] = [[1, 2, 3, 4, 5, 11, 12, 21, 22, 23], [3, 14, 15, 16, 17, 18, 19], [6, 7, 24, 25, 26, 27]]
        let counts: [[Double]] = [[5, 1, 2], [2, 6, 0], [3, 0, 4]]
        let simulation = try InlineConfig.run(Self.network(
            spikeTimes: spikeTimes, w0: w0, periodMs: 10, durationMs: 30,
            params: #"{"eta": {"initial": 4, "factor": 0.5, "every_ms": 10}, "momentum": 0.9, "clip": 0.05, "period_ms": 10}"#))
        let expected = Self.closedForm(w0: w0, counts: counts, periodMs: 10, eta: [4, 2, 1], momentum: 0.9, clip: 0.05)
        #expect(expected.clipped > 0 && expected.unclipped > 0, "the bound must be active for some entries only")
        let w = try Self.recordedWeights(simulation, k: 2, n: 3)
        #expect(w.count == 3)
        for period in 0..<3 {
            #expect(Self.maxDifference(w[period], expected.weights[period]) < 1e-6, "period \(period)")
        }
        let withoutMomentum = Self.closedForm(w0: w0, counts: counts, periodMs: 10, eta: [4, 2, 1], momentum: 0, clip: 0.05)
        #expect(Self.maxDifference(withoutMomentum.weights[2], expected.weights[2]) > 1e-3, "momentum must matter here")
    }

    /// A LIF layer driven by Bernoulli inputs feeds 12 lateral neurons that learn with `oja_subspace` while they
    /// receive the transmitted weights and spike; 1 and 2 threads give byte-identical weights and spikes.
    @Test func weightsAreIdenticalForOneAndTwoThreads() throws {
        func json(_ threads: Int) -> String {
            """
            {"simulation": {"duration_ms": 400, "dt_ms": 0.5, "seed": 5, "threads": \(threads)},
             "populations": [
               {"name": "in", "size": 30, "model": "bernoulli_input", "params": {"p": 0.03}},
               {"name": "hidden", "size": 60, "model": "iaf_psc_exp", "initial": {"V_m": {"uniform": [-70, -55]}}},
               {"name": "lateral", "size": 12, "model": "iaf_psc_exp"}],
             "projections": [
               {"source": "in", "target": "hidden", "connectivity": {"rule": "pairwise_bernoulli", "p": 0.5},
                "synapse": {"weight": {"uniform": [0, 400]}, "delay_ms": 1}},
               {"source": "hidden", "target": "lateral", "connectivity": {"rule": "all_to_all"},
                "synapse": {"weight": {"normal": [100, 200]}, "delay_ms": 1},
                "plasticity": {"rule": "oja_subspace", "params": {"period_ms": 20}}}],
             "recorders": [{"name": "w", "type": "weights", "projection": 1, "interval_ms": 100},
                           {"name": "s", "type": "spikes", "population": "lateral"}]}
            """
        }
        func outputs(_ threads: Int) throws -> (files: [Data], simulation: Simulation) {
            let simulation = try InlineConfig.run(json(threads))
            return (simulation.recorders.flatMap { $0.files(grid: simulation.network.grid).map(\.data) }, simulation)
        }
        let one = try outputs(1), two = try outputs(2)
        #expect(two.simulation.engine.threads == 2)
        #expect(one.files == two.files)
        let w = try InlineConfig.recorder("w", of: one.simulation, as: WeightRecorder.self)
        let spikes = try InlineConfig.recorder("s", of: one.simulation, as: SpikeRecorder.self)
        #expect(w.samples.prefix(w.sources.count) != w.samples.suffix(w.sources.count), "the weights must change")
        #expect(spikes.ids.count > 0, "the lateral neurons must receive what the synapses transmit")
    }

    /// Periods are counted in steps of the clock engine; the event-driven engine has no form of the rule.
    @Test func eventEngineRefusesTheRule() throws {
        let json = Self.network(spikeTimes: [[1], [2]], w0: [[1, 0]], periodMs: 10, durationMs: 10, params: "{}")
            .replacingOccurrences(of: #""dt_ms": 1,"#, with: #""dt_ms": 1, "engine": "event","#)
        #expect(throws: ConfigError(path: "projections[0].plasticity",
                                    problem: "oja_subspace has no event-driven form; use \"engine\": \"clock\"")) {
            _ = try Simulation(spec: InlineConfig.config(json))
        }
    }

    static let configErrors: [(params: String, pairing: String, path: String, problem: String)] = [
        (#"{"rate": 0.1}"#, "", "projections[0].plasticity.params.rate",
         "unknown parameter; known: clip, eta, momentum, period_ms"),
        (#"{"momentum": 1.5}"#, "", "projections[0].plasticity.params.momentum", "must be in [0, 1], got 1.5"),
        (#"{"clip": 0}"#, "", "projections[0].plasticity.params.clip", "must be > 0, got 0"),
        (#"{"eta": -1}"#, "", "projections[0].plasticity.params.eta", "must be >= 0, got -1"),
        (#"{"period_ms": 2.5}"#, "", "projections[0].plasticity.params.period_ms",
         "must be a whole number of steps of dt = 1 ms, got 2.5"),
        (#"{"period_ms": {"initial": 20, "factor": 2}}"#, "", "projections[0].plasticity.params.period_ms",
         "period_ms cannot follow a modulator or schedule: the period it sets is fixed for a run"),
        ("{}", #", "pairing": "nearest""#, "projections[0].plasticity.pairing",
         "oja_subspace counts spikes per period and has no traces to pair"),
    ]

    @Test(arguments: configErrors)
    func configErrorsNameTheirPath(params: String, pairing: String, path: String, problem: String) throws {
        let json = Self.network(spikeTimes: [[1], [2]], w0: [[1, 0]], periodMs: 10, durationMs: 10, params: params)
            .replacingOccurrences(of: #""params": \#(params)}"#, with: #""params": \#(params)\#(pairing)}"#)
        #expect(throws: ConfigError(path: path, problem: problem)) {
            _ = try Simulation(spec: InlineConfig.config(json))
        }
    }
}
