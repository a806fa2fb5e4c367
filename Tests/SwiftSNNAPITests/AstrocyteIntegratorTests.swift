import Foundation
import SwiftSNN
import Testing

/// NALSM's astrocyte (Ivanov & Michmizos, NeurIPS 2021, eq. 7) as a modulator. The reference is the paper's
/// recursion, A(t+1) = A(t) + [w·(Σ_liquid S(t) − Σ_input S(t)) + b − A(t)] / τ at dt = 1 ms, generalised to
/// A ← A + (dt/τ)(b − A) + Σ_k (w_k/τ)·n_k, evaluated here on the spike counts the run recorded.
@Suite struct AstrocyteIntegratorTests {
    /// 20 Bernoulli inputs drive 50 `iaf_psc_delta` neurons; the astrocyte listens to both with opposite weights
    /// that, like its bias, shrink ×0.99 every 1 ms (NALSM's fading plasticity).
    static func network(dtMs: Double, density: Double? = nil, seed: UInt64? = nil,
                        fade: AstrocyteIntegratorSpec.Fade? = nil) -> NetworkSpec {
        let astrocyte = AstrocyteIntegratorSpec(
            tauMs: 100, bias: .geometric(initial: 0.15, factor: 0.99, everyMs: 1),
            inputs: [.init(population: "liquid", weight: .geometric(initial: 0.015, factor: 0.99, everyMs: 1)),
                     .init(population: "input", weight: -0.015)],
            density: density, fade: fade)
        return NetworkSpec(
            simulation: SimulationSpec(durationMs: 300, dtMs: dtMs, seed: seed),
            populations: [PopulationSpec(name: "input", size: 20, model: "bernoulli_input", params: ["p": .number(0.05 * dtMs)]),
                          PopulationSpec(name: "liquid", size: 50, IafPscDelta.Parameters(constantCurrentPA: 300))],
            projections: [ProjectionSpec(source: "input", target: "liquid", connectivity: .fixedIndegree(5),
                                         weight: .constant(6), delayMs: 1)],
            modulators: [ModulatorSpec(name: "astro", kind: .astrocyteIntegrator(astrocyte))],
            recorders: [.spikes("input_spikes", of: "input"), .spikes("liquid_spikes", of: "liquid"),
                        RecorderSpec(name: "astro", kind: .modulators(variables: nil, intervalMs: dtMs))])
    }

    /// Spikes per step: entry j counts the spikes emitted in step j (time stamp (j + 1)·dt).
    static func counts(_ train: SpikeTrain, steps: Int, dtMs: Double) -> [Int] {
        var counts = [Int](repeating: 0, count: steps)
        for t in train.timesMs { counts[Int((t / dtMs).rounded()) - 1] += 1 }
        return counts
    }

    /// Without and with NALSM's fading of the state (A ← 0.99·A after each 1 ms, after the step's update).
    @Test(arguments: [(1.0, false), (0.1, false), (1.0, true), (0.1, true)])
    func integratorEqualsItsRecursionOnTheRecordedSpikeCounts(dtMs: Double, fading: Bool) throws {
        var sim = try Simulation(spec: Self.network(dtMs: dtMs, fade: fading ? .init(factor: 0.99, everyMs: 1) : nil))
        try sim.run()
        let samples = try sim.samples("astro", modulator: "astro").values
        let steps = samples.count
        #expect(steps == Int((300 / dtMs).rounded()))
        let liquid = Self.counts(try sim.spikes("liquid_spikes"), steps: steps, dtMs: dtMs)
        let input = Self.counts(try sim.spikes("input_spikes"), steps: steps, dtMs: dtMs)
        #expect(liquid.reduce(0, +) > 100 && input.reduce(0, +) > 100)
        var a = 0.15
        let stepsPerMs = Int((1 / dtMs).rounded())
        for j in 0..<steps {
            #expect(abs(samples[j] - a) <= 1e-9 * max(1, abs(a)), "step \(j)")
            let decay = pow(0.99, Double(j / stepsPerMs))
            a += dtMs / 100 * (0.15 * decay - a) + (0.015 * decay * Double(liquid[j]) - 0.015 * Double(input[j])) / 100
            if fading && (j + 1) % stepsPerMs == 0 { a *= 0.99 }
        }
    }

    @Test func densityListensToTheCeilingOfItsFractionOfEachPopulation() throws {
        // Ten generators, neuron i spiking only at 10 + i ms; each spike heard adds weight/τ = 1, nothing decays.
        func jumps(density: Double, seed: UInt64) throws -> [Double] {
            let astrocyte = AstrocyteIntegratorSpec(tauMs: 1e12, bias: 0, inputs: [.init(population: "g", weight: 1e12)],
                                                    density: density)
            let spec = NetworkSpec(
                simulation: SimulationSpec(durationMs: 30, dtMs: 1, seed: seed),
                populations: [PopulationSpec(name: "g", size: 10, model: "spike_generator",
                                             params: ["spike_times": .lists((0..<10).map { [10 + Double($0)] })])],
                modulators: [ModulatorSpec(name: "astro", kind: .astrocyteIntegrator(astrocyte))],
                recorders: [RecorderSpec(name: "astro", kind: .modulators(variables: nil, intervalMs: 1))])
            var sim = try Simulation(spec: spec)
            try sim.run()
            let values = try sim.samples("astro", modulator: "astro").values
            return zip(values.dropFirst(), values).map { $0 - $1 }
        }
        let heard = try jumps(density: 0.35, seed: 1)
        #expect(heard.filter { abs($0 - 1) < 1e-9 }.count == 4)
        #expect(heard.allSatisfy { abs($0) < 1e-9 || abs($0 - 1) < 1e-9 })
        #expect(try jumps(density: 0.35, seed: 1) == heard)
        #expect(try jumps(density: 1, seed: 1).filter { abs($0 - 1) < 1e-9 }.count == 10)
        // Other seeds draw other subsets (of C(10, 4) = 210, two equal ones for five seeds would be a 5 % chance).
        let subsets = try Set((2...6).map { try jumps(density: 0.35, seed: $0) })
        #expect(subsets.count >= 4)
    }

    @Test func aNeuronParameterCanFollowTheAstrocyte() throws {
        // A liquid whose I_e is 2000 × A: while A stays near its bias 0.15, I_e ≈ 300 pA.
        var spec = Self.network(dtMs: 1)
        spec.populations[1].params["I_e"] = .bound(.modulator(name: "astro", scale: 2000))
        var bound = try Simulation(spec: spec)
        try bound.run()
        var fixed = try Simulation(spec: Self.network(dtMs: 1))
        try fixed.run()
        #expect(try bound.spikes("liquid_spikes") != fixed.spikes("liquid_spikes"))
        #expect(try bound.spikes("input_spikes") == fixed.spikes("input_spikes"))
    }

    @Test func badAstrocyteEntriesNameTheirPath() throws {
        var spec = Self.network(dtMs: 1)
        spec.modulators[0].kind = .astrocyteIntegrator(AstrocyteIntegratorSpec(tauMs: 100, bias: 0.15,
                                                                               inputs: [.init(population: "nope", weight: 1)]))
        #expect(throws: ConfigError(path: "modulators[0].inputs[0].population", problem: "unknown population 'nope'; known: input, liquid")) {
            try Simulation(spec: spec)
        }
        spec.modulators[0].kind = .astrocyteIntegrator(AstrocyteIntegratorSpec(tauMs: 100, bias: 0.15,
                                                                               inputs: [.init(population: "input", weight: 1)],
                                                                               density: 0))
        #expect(throws: ConfigError(path: "modulators[0].density", problem: "must be in (0, 1], got 0")) { try Simulation(spec: spec) }
    }
}
