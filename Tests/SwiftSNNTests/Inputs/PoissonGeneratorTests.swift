import Foundation
import Testing
@testable import SwiftSNN

/// `poisson_generator` gives every target its own Poisson train of `rate` Hz. The trains are counted through
/// iaf_psc_delta neurons with weight 1 mV, E_L = 0 and τ_m = 1e17 ms: the leak factor e^{−dt/τ_m} is exactly 1.0
/// in double precision and the threshold is out of reach, so V_m is the number of events received so far.
/// References: Poisson statistics (mean = variance = rate·time; σ = √mean) and independence of the trains.
@Suite struct PoissonGeneratorTests {
    static let dtMs = 0.1
    static let binMs = 1.0
    static let targets = 3

    struct Counts {
        /// Events per target in each 1 ms bin.
        var bins: [[Double]]
        var summaryEvents: UInt64
    }

    static func run(rateHz: Double, durationMs: Double) throws -> Counts {
        let json = """
        {
          "simulation": {"duration_ms": \(durationMs), "dt_ms": \(dtMs), "seed": 11, "threads": 1},
          "populations": [
            {"name": "pg", "size": 1, "model": "poisson_generator", "params": {"rate": \(rateHz)}},
            {"name": "n", "size": \(targets), "model": "iaf_psc_delta",
             "params": {"E_L": 0, "V_reset": 0, "tau_m": 1e17, "V_th": 1e9}}
          ],
          "projections": [
            {"source": "pg", "target": "n", "connectivity": {"rule": "all_to_all"},
             "synapse": {"weight": 1, "delay_ms": \(dtMs)}}
          ],
          "recorders": [{"name": "count", "type": "state", "population": "n", "variables": ["V_m"], "interval_ms": \(binMs)}]
        }
        """
        let simulation = try InlineConfig.run(json)
        let recorder = try InlineConfig.recorder("count", of: simulation, as: StateRecorder.self)
        let bins = (0..<targets).map { i in
            let cumulative = [0] + InlineConfig.trace(recorder, neuron: i)
            return (1..<cumulative.count).map { cumulative[$0] - cumulative[$0 - 1] }
        }
        return Counts(bins: bins, summaryEvents: simulation.summary.synapticEvents)
    }

    @Test(arguments: [800.0, 12_000.0, 200_000.0])
    func eventsPerTargetMatchRateTimesDurationWithinThreeSigma(rateHz: Double) throws {
        let durationMs = 500.0
        let steps = Int(durationMs / Self.dtMs)
        let counts = try Self.run(rateHz: rateHz, durationMs: durationMs)
        // With a delay of one step, V_m at the end of the last step holds what was drawn in steps 0 ... steps − 2.
        let mean = rateHz * Self.dtMs / 1000 * Double(steps - 1)
        for (i, bins) in counts.bins.enumerated() {
            let total = bins.reduce(0, +)
            #expect(total == total.rounded(), "target \(i): V_m must be a whole number of 1 mV jumps")
            #expect(abs(total - mean) < 3 * mean.squareRoot(), "target \(i): \(total) events, expected \(mean)")
        }
        // The summary counts every drawn event, also the last step's, which no V_m shows yet.
        let summaryMean = Double(Self.targets) * rateHz * Self.dtMs / 1000 * Double(steps)
        #expect(abs(Double(counts.summaryEvents) - summaryMean) < 3 * summaryMean.squareRoot())
    }

    /// A Poisson count has variance = mean (Fano factor 1); a regular or bursty train would not. For n bins of
    /// mean μ the sample Fano factor has standard deviation √((1/μ + 2)/n).
    @Test(arguments: [800.0, 12_000.0, 200_000.0])
    func countsPerBinHaveFanoFactorOne(rateHz: Double) throws {
        let counts = try Self.run(rateHz: rateHz, durationMs: 500)
        let mu = rateHz * Self.binMs / 1000
        for (i, bins) in counts.bins.enumerated() {
            let sample = Array(bins.dropFirst())  // the first bin is one step short (delay)
            let n = Double(sample.count)
            let variance = sample.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / n
            let sd = ((1 / mu + 2) / n).squareRoot()
            #expect(abs(variance / mu - 1) < 3 * sd, "target \(i): Fano factor \(variance / mu)")
        }
    }

    /// NEST's poisson_generator sends each target an independent train. Pearson's r of two independent count
    /// series over n bins is ≈ normal with σ = 1/√n.
    @Test func trainsOfDifferentTargetsAreUncorrelated() throws {
        let counts = try Self.run(rateHz: 5_000, durationMs: 1_000)
        let series = counts.bins.map { Array($0.dropFirst()) }
        func pearson(_ x: [Double], _ y: [Double]) -> Double {
            let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
            let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
            let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }, syy = y.reduce(0) { $0 + ($1 - my) * ($1 - my) }
            return sxy / (sxx * syy).squareRoot()
        }
        let bound = 3 / Double(series[0].count).squareRoot()
        for (a, b) in [(0, 1), (0, 2), (1, 2)] {
            let r = pearson(series[a], series[b])
            #expect(abs(r) < bound, "targets \(a) and \(b): r = \(r)")
        }
    }

    @Test func rateZeroDeliversNothing() throws {
        let counts = try Self.run(rateHz: 0, durationMs: 100)
        #expect(counts.bins.allSatisfy { $0.allSatisfy { $0 == 0 } })
        #expect(counts.summaryEvents == 0)
    }
}
