import Foundation
import SwiftSNN
import Testing

/// The detector-layer neurons of HD-SNN and DCLS-style readouts against closed forms: a window integrator's V_m is
/// the sum of the weights that arrived in its window (with a window of dt: a convolution of the input spikes with
/// the (weight, delay) kernel, computed here independently), a leaky integrator's and a readout's V_m is
/// Σ w·e^(−(t − t_a)/τ) over the arrivals t_a.
@Suite struct DetectorNeuronTests {
    /// Three generators spike on the grid into `n` detectors of `model` through explicit synapses.
    static func spec<P: ModelParameters>(_ parameters: P, size: Int = 1, times: [[Double]], sources: [Int], targets: [Int],
                                         weights: [Double], delays: [Double], dtMs: Double = 1, durationMs: Double = 40,
                                         engine: EngineKind? = nil) -> NetworkSpec {
        NetworkSpec(simulation: SimulationSpec(durationMs: durationMs, dtMs: dtMs, engine: engine),
                    populations: [PopulationSpec(name: "in", size: times.count, model: "spike_generator", params: ["spike_times": .lists(times)]),
                                  PopulationSpec(name: "det", size: size, parameters)],
                    projections: [ProjectionSpec(source: "in", target: "det", connectivity: .explicit(sources: sources, targets: targets),
                                                 weight: .array(weights), delayMs: .array(delays))],
                    recorders: [.spikes("spikes", of: "det"), .state("v", of: "det", variables: ["V_m"], intervalMs: dtMs)])
    }

    /// The event engine's window integrator keeps the model's grid of windows (`WindowNeurons`), so both engines
    /// must meet the same closed forms.
    @Test(arguments: [EngineKind.clock, .event])
    func aOneStepWindowIntegratorRecordsTheEvidenceConvolutionAndFiresWhereItReachesThreshold(engine: EngineKind) throws {
        // Multapses: source 0 reaches detector 0 twice, with delays 2 and 5 ms.
        let times: [[Double]] = [[3, 10, 11], [4, 12], [6, 7, 20]]
        let sources = [0, 0, 1, 2, 2, 1], targets = [0, 0, 0, 0, 1, 1]
        let weights = [0.5, 0.25, 1.0, -0.4, 0.7, 0.3], delays = [2.0, 5, 1, 3, 1, 4]
        var sim = try Simulation(spec: Self.spec(WindowIntegrator.Parameters(windowMs: 1, threshold: 0.9), size: 2, times: times,
                                                 sources: sources, targets: targets, weights: weights, delays: delays,
                                                 engine: engine))
        try sim.run()
        // Evidence of step k (ending at (k+1) ms): every spike at t arrives in the step ending at t + d, with its
        // weight as stored (Float32).
        var evidence = [[Double]](repeating: [0, 0], count: 40)
        for (k, s) in sources.enumerated() {
            for t in times[s] { evidence[Int(t + delays[k]) - 1][targets[k]] += Double(Float(weights[k])) }
        }
        let samples = try sim.samples("v", variable: "V_m")
        #expect(samples.values.count == 40)
        for (recorded, expected) in zip(samples.values, evidence) {
            #expect(zip(recorded, expected).allSatisfy { abs($0 - $1) < 1e-12 })
        }
        let spikes = try sim.spikes("spikes")
        var expected: [(Double, Int32)] = []
        for (k, e) in evidence.enumerated() { for (i, x) in e.enumerated() where x >= 0.9 { expected.append((Double(k + 1), Int32(i))) } }
        #expect(spikes.timesMs == expected.map(\.0) && spikes.ids == expected.map(\.1))
        #expect(spikes.count >= 3)
    }

    @Test(arguments: [EngineKind.clock, .event])
    func aLongerWindowSumsItsStepsAndTestsOnlyAtItsEnd(engine: EngineKind) throws {
        // dt 0.5 ms, window 2 ms = 4 steps: windows end at 2, 4, 6, … ms.
        let times: [[Double]] = [[1.0, 1.5, 2.5, 5.0]]
        var sim = try Simulation(spec: Self.spec(WindowIntegrator.Parameters(windowMs: 2, threshold: 1.5), times: times,
                                                 sources: [0], targets: [0], weights: [1], delays: [0.5], dtMs: 0.5, durationMs: 8,
                                                 engine: engine))
        try sim.run()
        // Arrivals at 1.5, 2, 3, 5.5 ms: windows (0, 2] hold 2, (2, 4] 1, (4, 6] 1.
        let v = try sim.samples("v", variable: "V_m").values.map { $0[0] }
        #expect(v == [0, 0, 1, 2, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0])
        #expect(try sim.spikes("spikes").timesMs == [2])
    }

    @Test func aBadWindowIsAOneLineError() throws {
        let spec = Self.spec(WindowIntegrator.Parameters(windowMs: 1.25), times: [[1]], sources: [0], targets: [0], weights: [1],
                             delays: [1], dtMs: 0.5)
        let error = try #require(throws: ConfigError.self) { try Simulation(spec: spec) }
        #expect(error.description == "populations[1].params.window_ms: must be a positive multiple of dt (0.5 ms), got 1.25")
    }

    @Test func aLeakyIntegratorFollowsTheClosedFormFiresAndResets() throws {
        let tau = 5.0
        let times: [[Double]] = [[2, 4, 5, 5.5]]
        var sim = try Simulation(spec: Self.spec(LeakyIntegrator.Parameters(tauMs: tau, threshold: 1.6, reset: 0, refractoryMs: 1),
                                                 times: times, sources: [0], targets: [0], weights: [0.75], delays: [0.5],
                                                 dtMs: 0.5, durationMs: 12))
        try sim.run()
        // Arrivals 2.5, 4.5, 5.5, 6: V(4.5) = 0.75·e^(−2/5) + 0.75 = 1.253 < 1.6; V(5.5) = 1.253·e^(−1/5) + 0.75 = 1.776 → spike
        // at 5.5, reset, refractory for 1 ms (the arrival at 6 is lost); then V stays 0.
        let v = try sim.samples("v", variable: "V_m")
        func at(_ t: Double) -> Double { v.values[v.timesMs.firstIndex { abs($0 - t) < 1e-9 }!][0] }
        #expect(abs(at(4) - 0.75 * exp(-1.5 / tau)) < 1e-12)
        #expect(abs(at(4.5) - (0.75 * exp(-2 / tau) + 0.75)) < 1e-12)
        #expect(try sim.spikes("spikes").timesMs == [5.5])
        #expect(at(5.5) == 0 && at(12) == 0)
    }

    @Test func aReadoutNeverFiresAndIntegratesWithOrWithoutLeak() throws {
        let times: [[Double]] = [[1, 3, 3.5]]
        for tau in [4.0, 0] {
            var sim = try Simulation(spec: Self.spec(ReadoutIntegrator.Parameters(tauMs: tau), times: times, sources: [0], targets: [0],
                                                     weights: [50], delays: [1], dtMs: 0.5, durationMs: 10))
            try sim.run()
            let v = try sim.values(of: "V_m", in: "det")[0]
            let expected = [2.0, 4, 4.5].reduce(0) { $0 + 50 * (tau == 0 ? 1 : exp(-(10 - $1) / tau)) }
            #expect(abs(v - expected) < 1e-9)
            #expect(try sim.spikes("spikes").count == 0)
        }
    }

    /// A current generator adds current × weight in each step it is on, as a spike arriving in that step would: the
    /// dc_generator (start 2, stop 7 ms, delay 1 ms) is on at 3 ms and off at 8 ms, so it counts in the steps ending
    /// at 3, 3.5, …, 7.5 ms, 0.4 each at dt 0.5; spikes of 0.5 arrive at 4 and 6.5 ms. Windows of 2 ms: (2, 4] sums
    /// 3·0.4 + 0.5, (4, 6] 4·0.4, (6, 8] 3·0.4 + 0.5: only those with a spike reach 1.65.
    @Test(arguments: [EngineKind.clock, .event])
    func aGeneratorCurrentAddsItsAmountEveryStepInBothEngines(engine: EngineKind) throws {
        var spec = Self.spec(WindowIntegrator.Parameters(windowMs: 2, threshold: 1.65), times: [[3, 5.5]], sources: [0],
                             targets: [0], weights: [0.5], delays: [1], dtMs: 0.5, durationMs: 10, engine: engine)
        spec.populations.append(PopulationSpec(name: "dc", size: 1, model: "dc_generator",
                                               params: ["amplitude": 0.2, "start": 2, "stop": 7]))
        spec.projections.append(ProjectionSpec(source: "dc", target: "det", connectivity: .allToAll, weight: .constant(2), delayMs: 1))
        var sim = try Simulation(spec: spec)
        try sim.run()
        let v = try sim.samples("v", variable: "V_m").values.map { $0[0] }
        let expected = [0, 0, 0, 0, 0, 0.4, 0.8, 1.7, 0.4, 0.8, 1.2, 1.6, 0.9, 1.3, 1.7, 1.7, 0, 0, 0, 0]
        #expect(zip(v, expected).allSatisfy { abs($0 - $1) < 1e-9 }, "\(v)")
        #expect(try sim.spikes("spikes").timesMs == [4, 8])
    }

    @Test func theEventEngineRefusesTheOtherDetectorsInOneLine() throws {
        var spec = Self.spec(LeakyIntegrator.Parameters(), times: [[1]], sources: [0], targets: [0], weights: [1], delays: [1])
        spec.simulation.engine = .event
        let error = try #require(throws: ConfigError.self) { try Simulation(spec: spec) }
        #expect(error.description == "populations[1].model: leaky_integrator has no exact event-driven solution; use \"engine\": \"clock\"")
    }
}
