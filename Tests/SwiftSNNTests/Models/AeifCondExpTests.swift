import Foundation
import Testing
@testable import SwiftSNN

/// `aeif_cond_exp` against NEST 3.10 (models/nest/aeif_cond_exp_*.csv: NEST's defaults, 1 s at dt = 0.1 ms sampled
/// every 1 ms) through whole simulations, so input delivery and the order of the step are checked too; against a
/// closed form for Δ_T = 0; and NEST's parameter checks. The integrator is GSL's RKF45 with NEST's error control
/// with NEST's error control, so it takes NEST's sub-steps and the traces agree to the files' 15 digits.
@Suite struct AeifCondExpTests {
    static let dtMs = 0.1

    /// One aeif_cond_exp neuron with `params` (and `input`, connected with delay 1 ms), recording V_m and w every
    /// 1 ms and its spikes.
    static func run(_ params: [String: Double], input: (PopulationSpec, weight: Double)? = nil)
        throws -> (vm: [Double], w: [Double], spikes: [Double]) {
        var populations = [PopulationSpec(name: "n", size: 1, model: "aeif_cond_exp", params: params.mapValues(ParameterValue.number))]
        var projections: [ProjectionSpec] = []
        if let (source, weight) = input {
            populations.append(source)
            projections.append(ProjectionSpec(source: source.name, target: "n", connectivity: .allToAll,
                                              weight: .constant(weight), delayMs: 1))
        }
        let spec = NetworkSpec(simulation: SimulationSpec(durationMs: 1000, dtMs: dtMs), populations: populations,
                               projections: projections,
                               recorders: [.state("trace", of: "n", variables: ["V_m", "w"], intervalMs: 1),
                                           .spikes("spikes", of: "n")])
        var sim = try Simulation(spec: spec)
        try sim.run()
        return (try sim.samples("trace", variable: "V_m").values.map { $0[0] },
                try sim.samples("trace", variable: "w").values.map { $0[0] }, try sim.spikes("spikes").timesMs)
    }

    /// Compares a run with the NEST files `stem`.csv and `stem`_spikes.csv: the same spikes, each in NEST's step
    /// (the issue asks for within one step), and V_m and w at every sample, spikes included, within 1e-9 of NEST's.
    /// The sub-steps are GSL's RKF45 with NEST's error control, so they are NEST's sub-steps and agree to the
    /// files' 15 digits (5e-14 mV, 5e-13 pA); a different integrator at the same tolerance would be ~1e-6 away.
    static func expectMatchesNest(_ run: (vm: [Double], w: [Double], spikes: [Double]), _ stem: String) throws {
        let nest = try NestTrace(stem), nestSpikes = try NestTrace("\(stem)_spikes")["t_ms"]
        #expect(run.spikes.count == nestSpikes.count)
        for (ours, theirs) in zip(run.spikes, nestSpikes) { #expect(abs(ours - theirs) <= dtMs + 1e-9, "spike at \(theirs) ms") }
        let steps = { (times: [Double]) in times.map { ($0 / dtMs).rounded() } }
        #expect(steps(run.spikes) == steps(nestSpikes))
        for (ours, column) in [(run.vm, "V_m"), (run.w, "w")] {
            let theirs = nest.afterEachStep(column)
            #expect(ours.count == theirs.count)
            #expect(zip(ours, theirs).map { abs($0 - $1) }.max()! < 1e-9, "\(column)")
        }
    }

    /// Reference: aeif_cond_exp_dc, I_e = 800 pA: 17 spikes, ISIs growing from 17 ms to 68 ms as w builds up.
    @Test func tonicSpikingWithAdaptationMatchesNest() throws {
        try Self.expectMatchesNest(Self.run(["I_e": 800]), "aeif_cond_exp_dc")
    }

    /// Reference: aeif_cond_exp_input_spikes, I_e = 400 pA and t_ref 2 ms, 18 input spikes of 400 nS every 50 ms
    /// from 100 ms (delay 1 ms): 8 of them make a spike, 0.5–5 ms later, depending on w.
    @Test func conductanceInputSpikesMatchNest() throws {
        let times = (0..<18).map { 100 + 50 * Double($0) }
        let source = PopulationSpec(name: "in", size: 1, model: "spike_generator", params: ["spike_times": .numbers(times)])
        try Self.expectMatchesNest(Self.run(["I_e": 400, "t_ref": 2], input: (source, 400)), "aeif_cond_exp_input_spikes")
    }
}
