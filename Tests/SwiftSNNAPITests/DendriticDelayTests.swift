import Foundation
import SwiftSNN
import Testing

/// A dendritic share f of the delay d moves the pair timing a weight rule sees: the spike reaches the synapse at
/// t_pre + (1 − f)·d and the postsynaptic spike reaches it back at t_post + f·d, so Δt = t_post − t_pre − d + 2f·d
/// (f = 1 is NEST's convention for `stdp_synapse`, whose delay is all dendritic). Expected weights are the
/// closed form of additive `stdp` (μ± = 0) for one pair: Δw = (w_max − w_min)·λ·e^(−Δt/τ₊) for Δt ≥ 0 and
/// −(w_max − w_min)·α·λ·e^(Δt/τ₋) for Δt < 0.
@Suite struct DendriticDelayTests {
    static let lambda = 0.1, alpha = 1.2, tauPlus = 20.0, tauMinus = 15.0, wMax = 1.0, w0 = 0.5

    /// One presynaptic spike at 20 ms through a 4 ms plastic synapse (too weak to fire the target); a teacher makes
    /// the target fire `lagMs` after the presynaptic spike.
    static func spec(dendriticFraction: Double?, lagMs: Double, engine: EngineKind? = nil) -> NetworkSpec {
        let post = IafPscDelta.Parameters(capacitancePF: 250, tauMembraneMs: 10, restingMV: 0, thresholdMV: 15,
                                          resetMV: 0, refractoryMs: 2, constantCurrentPA: 0)
        let stdp = PlasticitySpec(rule: "stdp", params: ["lambda": .number(lambda), "alpha": .number(alpha), "mu_plus": 0,
                                                         "mu_minus": 0, "tau_plus": .number(tauPlus), "tau_minus": .number(tauMinus),
                                                         "w_max": .number(wMax)])
        return NetworkSpec(simulation: SimulationSpec(durationMs: 60, engine: engine),
                           populations: [PopulationSpec(name: "pre", size: 1, model: "spike_generator", params: ["spike_times": .numbers([20])]),
                                         PopulationSpec(name: "teacher", size: 1, model: "spike_generator",
                                                        params: ["spike_times": .numbers([20 + lagMs - 1])]),
                                         PopulationSpec(name: "post", size: 1, post, initial: ["V_m": 0])],
                           projections: [ProjectionSpec(source: "pre", target: "post", connectivity: .allToAll,
                                                        weight: .constant(w0), delayMs: 4, plasticity: stdp,
                                                        dendriticFraction: dendriticFraction),
                                         ProjectionSpec(source: "teacher", target: "post", connectivity: .allToAll,
                                                        weight: .constant(100), delayMs: 1)],
                           recorders: [.spikes("post", of: "post")])
    }

    static func expectedWeight(pairLagMs: Double) -> Double {
        let change = pairLagMs >= 0 ? lambda * exp(-pairLagMs / tauPlus) : -alpha * lambda * exp(pairLagMs / tauMinus)
        return w0 + wMax * change
    }

    /// Both engines: the lags are on the grid, so the clock engine's shift of 2·f·d rounded to steps is exact, and
    /// the event engine delays each postsynaptic spike by 2·f·d ms on its way to the rule.
    @Test(arguments: [(nil, 3.0), (0.0, 3.0), (0.5, 3.0), (1.0, 3.0), (0.25, 6.5), (1.0, -2.0)] as [(Double?, Double)],
          [EngineKind.clock, .event])
    func weightRulesSeeTheLagMovedByTwiceTheDendriticDelay(pair: (fraction: Double?, lag: Double), engine: EngineKind) throws {
        let (fraction, lag) = pair
        var sim = try Simulation(spec: Self.spec(dendriticFraction: fraction, lagMs: lag, engine: engine))
        try sim.run()
        let post = try sim.spikes("post").timesMs
        try #require(post.count == 1)
        let pairLag = post[0] - 20 - 4 + 2 * (fraction ?? 0) * 4
        let w = Double(try sim.synapses(ofProjection: 0).weights[0])
        #expect(abs(w - Self.expectedWeight(pairLagMs: pairLag)) < 1e-6, "Δt at the synapse \(pairLag) ms")
    }

    @Test func aDendriticShareIsRefusedWhereItCannotBeHonoured() throws {
        var perSynapse = Self.spec(dendriticFraction: 0.5, lagMs: 3)
        perSynapse.projections[0].delayMs = .uniform(low: 2, high: 5)
        var event = Self.spec(dendriticFraction: 0.5, lagMs: 3, engine: .event)
        event.projections[0].delayMs = .uniform(low: 2, high: 5)
        var staticSynapses = Self.spec(dendriticFraction: 0.5, lagMs: 3)
        staticSynapses.projections[0].plasticity = nil
        for (spec, problem) in [(perSynapse, "needs one fixed delay"), (event, "needs one fixed delay"),
                                (staticSynapses, "the projection has none")] {
            let error = try #require(throws: ConfigError.self) { try Simulation(spec: spec) }
            #expect(error.path == "projections[0].dendritic_fraction" && error.problem.contains(problem))
        }
    }
}
