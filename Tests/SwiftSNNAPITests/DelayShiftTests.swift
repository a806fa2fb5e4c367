import Foundation
import SwiftSNN
import Testing

/// `delay_shift` on one synapse whose pre- and postsynaptic spikes repeat at a fixed offset Δ = t_post − t_pre,
/// one pair per repetition: the closed form d_n = Δ + (d_0 − Δ)(1 − eta)^n (Hüning et al. 1998's rule with a
/// fixed lag). The clock engine pairs the arrival rounded to a whole step, t_pre + round(d/dt)·dt; the error
/// e_n against the closed form then obeys e_(n+1) = (1 − eta)·e_n + eta·r_n with |r_n| ≤ dt/2, so |e_n| ≤ dt/2.
/// The event engine pairs exact arrival times, so it follows the closed form to rounding (1e-12 ms), also off the
/// grid.
@Suite struct DelayShiftTests {
    static let periodMs = 50.0
    static let repetitions = 20

    /// A generator's spike at 10 + 50n ms reaches `post` through the learning synapse (weight 0: it never moves
    /// the membrane); a teacher generator makes `post` fire at a fixed lag after each one, through a 1 ms synapse
    /// strong enough to cross threshold on its own.
    static func spec(initialDelayMs: Double, teacherLagMs: Double, eta: Double, threads: Int? = nil,
                     engine: EngineKind? = nil, onsetMs: Double = 10) -> NetworkSpec {
        let pre = (0..<repetitions).map { onsetMs + periodMs * Double($0) }
        let post = IafPscDelta.Parameters(capacitancePF: 250, tauMembraneMs: 10, restingMV: 0, thresholdMV: 15,
                                          resetMV: 0, refractoryMs: 2, constantCurrentPA: 0)
        return NetworkSpec(simulation: SimulationSpec(durationMs: periodMs * Double(repetitions), engine: engine, threads: threads),
                           populations: [PopulationSpec(name: "pre", size: 1, model: "spike_generator",
                                                        params: ["spike_times": .numbers(pre)]),
                                         PopulationSpec(name: "teacher", size: 1, model: "spike_generator",
                                                        params: ["spike_times": .numbers(pre.map { $0 + teacherLagMs - 1 })]),
                                         PopulationSpec(name: "post", size: 1, post, initial: ["V_m": 0])],
                           projections: [ProjectionSpec(source: "pre", target: "post", connectivity: .allToAll,
                                                        weight: .constant(0), delayMs: .constant(initialDelayMs),
                                                        delayPlasticity: DelayPlasticitySpec(rule: "delay_shift", params: [
                                                            "eta": .number(eta), "window_ms": 20, "d_min_ms": 0.5, "d_max_ms": 30])),
                                         ProjectionSpec(source: "teacher", target: "post", connectivity: .allToAll,
                                                        weight: .constant(100), delayMs: 1)],
                           recorders: [.spikes("pre", of: "pre"), .spikes("post", of: "post")])
    }

    /// The delay after each repetition, and Δ from the recorded spike times.
    static func learnedDelays(_ spec: NetworkSpec) throws -> (delays: [Double], lagMs: Double) {
        var sim = try Simulation(spec: spec)
        var delays: [Double] = []
        try sim.run(durationMs: spec.simulation.durationMs, every: periodMs) { sim in
            delays.append(try sim.delays(ofProjection: 0)[0])
        }
        let pre = try sim.spikes("pre").timesMs, post = try sim.spikes("post").timesMs
        #expect(pre.count == repetitions && post.count == repetitions)
        let lags = zip(post, pre).map { $0 - $1 }
        #expect(lags.allSatisfy { abs($0 - lags[0]) < 1e-9 })
        return (delays, lags[0])
    }

    @Test(arguments: [(2.0, 7.3, 0.2), (12.0, 4.0, 0.5)])
    func delaysConvergeGeometricallyToTheLagWithinHalfAStep(initial: Double, lag: Double, eta: Double) throws {
        let (delays, delta) = try Self.learnedDelays(Self.spec(initialDelayMs: initial, teacherLagMs: lag, eta: eta))
        let dt = 0.1
        for (n, d) in delays.enumerated() {
            let closedForm = delta + (initial - delta) * pow(1 - eta, Double(n + 1))
            #expect(abs(d - closedForm) <= dt / 2 + 1e-9, "repetition \(n): \(d) vs \(closedForm)")
        }
        // The rule really ran: the first pair moves the delay by about eta·|Δ − d_0| and 20 pairs close the gap.
        #expect(abs(delays[0] - initial) > 0.5 * eta * abs(delta - initial))
        #expect(abs(delays.last! - delta) < 0.1 * abs(delta - initial))
    }

    @Test(arguments: [(2.0, 7.291, 0.2), (12.0, 4.0437, 0.5)])
    func eventEngineDelaysFollowTheClosedFormExactly(initial: Double, lag: Double, eta: Double) throws {
        let spec = Self.spec(initialDelayMs: initial, teacherLagMs: lag, eta: eta, engine: .event, onsetMs: 10.0371)
        let (delays, delta) = try Self.learnedDelays(spec)
        #expect(abs(delta - lag) < 1e-9)
        for (n, d) in delays.enumerated() {
            let closedForm = delta + (initial - delta) * pow(1 - eta, Double(n + 1))
            #expect(abs(d - closedForm) < 1e-12, "repetition \(n): \(d) vs \(closedForm)")
        }
    }

    @Test func pairsBeyondTheWindowLeaveTheDelayAlone() throws {
        let (delays, _) = try Self.learnedDelays(Self.spec(initialDelayMs: 2, teacherLagMs: 25, eta: 0.3))
        #expect(delays.allSatisfy { $0 == 2 })
    }

    /// Poisson-driven parrots onto 12 neurons through synapses whose delays (1–10 ms) and weights both learn.
    static func learningNetwork(threads: Int = 1) -> NetworkSpec {
        var spec = NetworkSpec(simulation: SimulationSpec(durationMs: 400, seed: 7, threads: threads),
                               populations: [PopulationSpec(name: "drive", size: 40, model: "poisson_generator",
                                                            params: ["rate": 20]),
                                             PopulationSpec(name: "src", size: 40, ParrotNeuron.Parameters()),
                                             PopulationSpec(name: "out", size: 12, IafPscDelta.Parameters(constantCurrentPA: 300))])
        spec.projections = [
            ProjectionSpec(source: "drive", target: "src", connectivity: .oneToOne, weight: .constant(1), delayMs: 1),
            ProjectionSpec(source: "src", target: "out", connectivity: .pairwiseBernoulli(0.5),
                           weight: .uniform(low: 0, high: 2), delayMs: .uniform(low: 1, high: 10),
                           plasticity: PlasticitySpec(rule: "stdp", params: ["lambda": 0.05, "w_max": 4]),
                           delayPlasticity: DelayPlasticitySpec(rule: "delay_shift", params: ["d_max_ms": 12])),
        ]
        spec.recorders = [.spikes("out", of: "out")]
        return spec
    }

    /// A spike leaves with the delay of the step it is emitted in, so how the run is cut into pieces (here at
    /// steps that are no multiple of the 10-step shortest delay) does not matter.
    @Test func learnedDelaysDoNotDependOnHowTheRunIsSplit() throws {
        var straight = try Simulation(spec: Self.learningNetwork())
        try straight.run()
        var pieces = try Simulation(spec: Self.learningNetwork())
        for ms in [173.3, 0.1, 100, 126.6] { try pieces.run(durationMs: ms) }
        #expect(try pieces.delays(ofProjection: 1) == straight.delays(ofProjection: 1))
        #expect(try pieces.synapses(ofProjection: 1).weights == straight.synapses(ofProjection: 1).weights)
        #expect(try pieces.spikes("out") == straight.spikes("out"))
    }

    @Test func learnedDelaysAreTheSameForAnyThreadCount() throws {
        func run(threads: Int) throws -> ([Double], [Double], SpikeTrain) {
            var sim = try Simulation(spec: Self.learningNetwork(threads: threads))
            let initial = try sim.delays(ofProjection: 1)
            try sim.run()
            let learned = try sim.delays(ofProjection: 1)
            // Most synapses pair at least once in 400 ms.
            #expect(zip(initial, learned).filter { $0 != $1 }.count > initial.count / 2)
            return (learned, try sim.synapses(ofProjection: 1).weights.map(Double.init), try sim.spikes("out"))
        }
        let one = try run(threads: 1), two = try run(threads: 2)
        #expect(one.2.count > 50)
        #expect(one.0 == two.0 && one.1 == two.1 && one.2 == two.2)
    }

    @Test func theDelaysRecorderSamplesTheLearnedDelaysAndSavedDelaysLoadAgain() throws {
        var spec = Self.spec(initialDelayMs: 2, teacherLagMs: 7.3, eta: 0.2)
        spec.recorders.append(RecorderSpec(name: "d", kind: .delays(projection: 0, intervalMs: Self.periodMs)))
        let (delays, _) = try Self.learnedDelays(spec)
        var sim = try Simulation(spec: spec)
        try sim.run()
        let recorder = try #require(try sim.recorder(named: "d") as? WeightRecorder)
        #expect(recorder.sampleCount == Self.repetitions && recorder.samples == delays)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swiftsnn-delays-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try sim.saveDelays(to: directory)
        #expect(files.map(\.lastPathComponent) == ["delays_projection0.npy"])
        var reloaded = spec
        reloaded.baseDirectory = directory
        reloaded.projections[0].delayMs = .file("delays_projection0.npy")
        #expect(try Simulation(spec: reloaded).delays(ofProjection: 0) == [delays.last!])
    }
}
