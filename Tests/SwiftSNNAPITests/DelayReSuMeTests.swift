import Foundation
import SwiftSNN
import Testing

/// `delay_resume` on one synapse strong enough to fire its target at every arrival, with a teacher spike a fixed Δ
/// after each presynaptic spike: the output's own spike pairs at lag 0 and does not move the delay, the teacher's
/// moves it by eta·(Δ − d), so d follows the closed form d_n = Δ + (d_0 − Δ)(1 − eta)^n and the output comes to fire
/// at the teacher's times (within dt/2 in the clock engine, which pairs arrivals rounded to whole steps; to rounding
/// in the event engine, which pairs exact times).
@Suite struct DelayReSuMeTests {
    static let periodMs = 50.0, repetitions = 20

    static func spec(initialDelayMs: Double, teacherLagMs: Double, eta: Double, engine: EngineKind? = nil,
                     onsetMs: Double = 10) -> NetworkSpec {
        let pre = (0..<repetitions).map { onsetMs + periodMs * Double($0) }
        let post = IafPscDelta.Parameters(capacitancePF: 250, tauMembraneMs: 10, restingMV: 0, thresholdMV: 15,
                                          resetMV: 0, refractoryMs: 2, constantCurrentPA: 0)
        let rule = DelayPlasticitySpec(rule: "delay_resume", params: ["eta": .number(eta), "window_ms": 20, "d_min_ms": 1, "d_max_ms": 30],
                                       teacher: "teacher")
        return NetworkSpec(simulation: SimulationSpec(durationMs: periodMs * Double(repetitions), engine: engine),
                           populations: [PopulationSpec(name: "pre", size: 1, model: "spike_generator", params: ["spike_times": .numbers(pre)]),
                                         PopulationSpec(name: "teacher", size: 1, model: "spike_generator",
                                                        params: ["spike_times": .numbers(pre.map { $0 + teacherLagMs })]),
                                         PopulationSpec(name: "post", size: 1, post, initial: ["V_m": 0])],
                           projections: [ProjectionSpec(source: "pre", target: "post", connectivity: .allToAll,
                                                        weight: .constant(100), delayMs: .constant(initialDelayMs), delayPlasticity: rule)],
                           recorders: [.spikes("post", of: "post")])
    }

    static func run(_ spec: NetworkSpec) throws -> (delays: [Double], post: [Double]) {
        var sim = try Simulation(spec: spec)
        var delays: [Double] = []
        try sim.run(durationMs: spec.simulation.durationMs, every: periodMs) { sim in delays.append(try sim.delays(ofProjection: 0)[0]) }
        return (delays, try sim.spikes("post").timesMs)
    }

    @Test(arguments: [EngineKind.clock, .event])
    func delaysFollowTheClosedFormAndTheOutputMovesToTheTeacher(engine: EngineKind) throws {
        let (initial, lag, eta) = engine == .clock ? (3.0, 9.0, 0.3) : (3.0, 9.137, 0.3)
        let (delays, post) = try Self.run(Self.spec(initialDelayMs: initial, teacherLagMs: lag, eta: eta, engine: engine,
                                                    onsetMs: engine == .clock ? 10 : 10.0421))
        let tolerance = engine == .clock ? 0.05 + 1e-9 : 1e-12
        for (n, d) in delays.enumerated() {
            let closedForm = lag + (initial - lag) * pow(1 - eta, Double(n + 1))
            #expect(abs(d - closedForm) <= tolerance, "repetition \(n): \(d) vs \(closedForm)")
        }
        // The output fires at each arrival: late in the run, at the teacher's times.
        #expect(post.count == Self.repetitions)
        let lastLag = post.last! - (engine == .clock ? 10 : 10.0421) - Self.periodMs * Double(Self.repetitions - 1)
        #expect(abs(lastLag - lag) < 0.01 * lag + tolerance + 0.05)
        #expect(abs(post[0] - (engine == .clock ? 10 : 10.0421) - initial) < 0.051)
    }

    @Test func aSupervisedRuleNeedsATeacherOfTheTargetsSize() throws {
        var missing = Self.spec(initialDelayMs: 3, teacherLagMs: 9, eta: 0.3)
        missing.projections[0].delayPlasticity?.teacher = nil
        var wrongSize = Self.spec(initialDelayMs: 3, teacherLagMs: 9, eta: 0.3)
        wrongSize.populations[1].size = 2
        var unsupervised = Self.spec(initialDelayMs: 3, teacherLagMs: 9, eta: 0.3)
        unsupervised.projections[0].delayPlasticity?.rule = "delay_shift"
        for (spec, problem) in [(missing, "is required"), (wrongSize, "of the target's size (1)"), (unsupervised, "unsupervised")] {
            let error = try #require(throws: ConfigError.self) { try Simulation(spec: spec) }
            #expect(error.path == "projections[0].delay_plasticity.teacher" && error.problem.contains(problem))
        }
    }
}
