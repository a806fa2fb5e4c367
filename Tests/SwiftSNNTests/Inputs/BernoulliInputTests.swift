import Foundation
import Testing
@testable import SwiftSNN

/// `bernoulli_input`: in each step neuron i fires with probability p_i, independently. Over n steps its spike
/// count is Binomial(n, p_i): mean n·p_i, σ = √(n·p_i·(1 − p_i)). Reference: those binomial statistics, and the
/// certain cases p = 0 (never) and p = 1 (every step).
@Suite struct BernoulliInputTests {
    static let dtMs = 0.1
    static let steps = 5_000

    /// Spike steps of each neuron.
    static func spikeSteps(p: String, size: Int) throws -> [[Int]] {
        let json = """
        {
          "simulation": {"duration_ms": \(Double(steps) * dtMs), "dt_ms": \(dtMs), "seed": 5, "threads": 1},
          "populations": [{"name": "in", "size": \(size), "model": "bernoulli_input", "params": {"p": \(p)}}],
          "recorders": [{"name": "spikes", "type": "spikes", "population": "in"}]
        }
        """
        let recorder = try InlineConfig.recorder("spikes", of: InlineConfig.run(json), as: SpikeRecorder.self)
        var perNeuron = [[Int]](repeating: [], count: size)
        for (step, id) in zip(recorder.steps, recorder.ids) { perNeuron[Int(id)].append(step) }
        return perNeuron
    }

    static let probabilities = [0.0, 0.01, 0.2, 0.5, 0.5, 1.0]

    /// Both spellings of a per-neuron probability list.
    @Test(arguments: ["\(probabilities)", "{\"array\": \(probabilities)}"])
    func perNeuronCountsAreBinomialWithinThreeSigma(p: String) throws {
        let spikes = try Self.spikeSteps(p: p, size: Self.probabilities.count)
        let n = Double(Self.steps)
        for (i, pi) in Self.probabilities.enumerated() {
            let count = Double(spikes[i].count)
            let sigma = (n * pi * (1 - pi)).squareRoot()
            #expect(abs(count - n * pi) <= 3 * sigma, "neuron \(i), p = \(pi): \(count) spikes, expected \(n * pi) ± \(sigma)")
        }
        #expect(spikes[0].isEmpty, "p = 0 never fires")
        #expect(spikes[5] == Array(0..<Self.steps), "p = 1 fires in every step")
    }

    @Test func oneProbabilityAppliesToEveryNeuron() throws {
        let p = 0.05
        let spikes = try Self.spikeSteps(p: "\(p)", size: 4)
        let n = Double(Self.steps)
        for (i, s) in spikes.enumerated() {
            #expect(abs(Double(s.count) - n * p) <= 3 * (n * p * (1 - p)).squareRoot(), "neuron \(i): \(s.count) spikes")
        }
    }

    /// Neurons 3 and 4 share p = 0.5 but must draw from their own streams. For independent trains the per-step
    /// correlation over n steps is ≈ normal with σ = 1/√n; identical streams would give 1.
    @Test func neuronsWithTheSameProbabilityFireIndependently() throws {
        let spikes = try Self.spikeSteps(p: "\(Self.probabilities)", size: Self.probabilities.count)
        var x = [Double](repeating: 0, count: Self.steps), y = x
        for s in spikes[3] { x[s] = 1 }
        for s in spikes[4] { y[s] = 1 }
        let n = Double(Self.steps)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }, syy = y.reduce(0) { $0 + ($1 - my) * ($1 - my) }
        let r = sxy / (sxx * syy).squareRoot()
        #expect(abs(r) < 3 / n.squareRoot(), "r = \(r)")
    }

    @Test func probabilityOutsideZeroToOneIsRejectedWithItsPath() throws {
        let json = """
        {
          "simulation": {"duration_ms": 1},
          "populations": [{"name": "in", "size": 3, "model": "bernoulli_input", "params": {"p": [0.1, 0.2, 1.5]}}]
        }
        """
        let error = try #require(throws: ConfigError.self) { try Simulation(spec: InlineConfig.config(json)) }
        #expect(error.path == "populations[0].params.p[2]")
    }
}
