import Foundation
import Testing
@testable import SwiftSNN

/// `izhikevich` against NEST 3.10 (models/nest/izhikevich_*.csv: NEST's defaults a 0.02, b 0.2, c −65 mV, d 8 mV,
/// regular spiking; 1 s sampled every 1 ms) through whole simulations, so the delivery of input spikes and the
/// generator's timing are checked too; and against the model's fixed point. The step is NEST's operation for
/// operation, so V_m agrees to the files' 15 digits and every spike falls in NEST's step; the issue asks for spike
/// times within one step, and 1e-9 mV on the trace is far tighter than what a changed update order gives.
@Suite struct IzhikevichTests {
    static let dtMs = 0.1

    /// One izhikevich neuron with `params` (and `input`, connected with delay 1 ms), recording V_m and U_m every
    /// 1 ms and its spikes.
    static func run(_ params: [String: Double], dtMs: Double = dtMs, input: (PopulationSpec, weight: Double)? = nil)
        throws -> (vm: [Double], um: [Double], spikes: [Double]) {
        var populations = [PopulationSpec(name: "n", size: 1, model: "izhikevich", params: params.mapValues(ParameterValue.number))]
        var projections: [ProjectionSpec] = []
        if let (source, weight) = input {
            populations.append(source)
            projections.append(ProjectionSpec(source: source.name, target: "n", connectivity: .allToAll,
                                              weight: .constant(weight), delayMs: 1))
        }
        let spec = NetworkSpec(simulation: SimulationSpec(durationMs: 1000, dtMs: dtMs), populations: populations,
                               projections: projections,
                               recorders: [.state("trace", of: "n", variables: ["V_m", "U_m"], intervalMs: 1),
                                           .spikes("spikes", of: "n")])
        var sim = try Simulation(spec: spec)
        try sim.run()
        return (try sim.samples("trace", variable: "V_m").values.map { $0[0] },
                try sim.samples("trace", variable: "U_m").values.map { $0[0] }, try sim.spikes("spikes").timesMs)
    }

    /// Compares a run with the NEST files `stem`.csv and `stem`_spikes.csv.
    static func expectMatchesNest(_ run: (vm: [Double], um: [Double], spikes: [Double]), _ stem: String, dtMs: Double) throws {
        let nest = try NestTrace(stem), nestSpikes = try NestTrace("\(stem)_spikes")["t_ms"]
        #expect(run.spikes.count == nestSpikes.count)
        for (ours, theirs) in zip(run.spikes, nestSpikes) { #expect(abs(ours - theirs) <= dtMs + 1e-9, "spike at \(theirs) ms") }
        let steps = { (times: [Double]) in times.map { ($0 / dtMs).rounded() } }
        #expect(steps(run.spikes) == steps(nestSpikes), "NEST's step is reproduced exactly, so are its spike steps")
        for (ours, column) in [(run.vm, "V_m"), (run.um, "U_m")] {
            let theirs = nest.afterEachStep(column)
            #expect(ours.count == theirs.count)
            #expect(zip(ours, theirs).map { abs($0 - $1) }.max()! < 1e-9, "\(column)")
        }
    }

    /// Reference: izhikevich_dc, I_e = 10 pA at dt = 0.1 ms: 23 spikes, adapting from 3.4 ms to ISIs of ~45 ms.
    @Test func constantCurrentSpikesAndTraceMatchNest() throws {
        try Self.expectMatchesNest(Self.run(["I_e": 10]), "izhikevich_dc", dtMs: Self.dtMs)
    }

    /// Reference: izhikevich_published_dc, the same current with `consistent_integration` false at dt = 1 ms
    /// (Izhikevich's two half steps for V, then U with the new V).
    @Test func publishedSchemeMatchesNest() throws {
        try Self.expectMatchesNest(Self.run(["I_e": 10, "consistent_integration": 0], dtMs: 1), "izhikevich_published_dc",
                                   dtMs: 1)
    }

    /// Reference: izhikevich_input_spikes, no current and 18 input spikes of 20 mV every 50 ms from 100 ms
    /// (delay 1 ms): each adds its weight to V in the step it arrives in, as NEST's; 9 of them make a spike.
    @Test func inputSpikesMatchNest() throws {
        let times = (0..<18).map { 100 + 50 * Double($0) }
        let source = PopulationSpec(name: "in", size: 1, model: "spike_generator", params: ["spike_times": .numbers(times)])
        try Self.expectMatchesNest(Self.run([:], input: (source, 20)), "izhikevich_input_spikes", dtMs: Self.dtMs)
    }

    /// Reference: with I = 0 the rest point solves 0.04 V² + (5 − b) V + 140 = 0 (V = −70 mV for b = 0.2) with
    /// U = b V; forward Euler keeps a fixed point, so a neuron started there stays within round-off of it.
    @Test func restPointIsAFixedPoint() throws {
        var driver = try ModelDriver<Izhikevich>()
        driver.state[0] = -70
        driver.state[1] = -14
        let trace = driver.run(steps: driver.steps(1000))
        #expect(trace.spikeSteps.isEmpty)
        #expect(trace.vm.map { abs($0 + 70) }.max()! < 1e-9)
        #expect(trace.states[1].map { abs($0 + 14) }.max()! < 1e-9)
    }

    /// Reference: NEST izhikevich's spike: V ← c and U ← U + d in the step V reaches V_th, with no refractory
    /// period, so the next step integrates from c.
    @Test func spikeResetsToCAndIncrementsRecoveryByD() throws {
        var driver = try ModelDriver<Izhikevich>(["c": -60, "d": 3])
        driver.state[0] = 29.9
        let before = driver.state[1]
        let fired = driver.step(ModelDriver<Izhikevich>.spike(1))
        #expect(fired)
        #expect(driver.state[0] == -60)
        let eulerU = before + 0.1 * 0.02 * (0.2 * 29.9 - before)
        #expect(abs(driver.state[1] - (eulerU + 3)) < 1e-12)
        let u = driver.state[1]
        let firedAgain = driver.step(ModelDriver<Izhikevich>.noInput)
        #expect(!firedAgain)
        #expect(abs(driver.state[0] - (-60 + 0.1 * (0.04 * 3600 - 300 + 140 - u))) < 1e-12)
    }

    /// Reference: izhikevich_types_spikes (NEST 3.10): six neurons of one population, each with its own a, b, c, d
    /// (Izhikevich 2003 fig. 2's RS, IB, CH, FS, LTS, RZ), I_e = 10 pA for 1 s: each neuron's spike steps are
    /// NEST's, so each neuron integrates with its own parameters and resets to its own c.
    @Test func neuronsWithTheirOwnParametersSpikeAsNestsDo() throws {
        let types: [String: [Double]] = ["a": [0.02, 0.02, 0.02, 0.1, 0.02, 0.1], "b": [0.2, 0.2, 0.2, 0.2, 0.25, 0.26],
                                         "c": [-65, -55, -50, -65, -65, -65], "d": [8, 4, 2, 2, 2, 2]]
        var params = types.mapValues { ParameterValue.values(.array($0)) }
        params["I_e"] = 10
        let spec = NetworkSpec(simulation: SimulationSpec(durationMs: 1000, dtMs: Self.dtMs),
                               populations: [PopulationSpec(name: "n", size: 6, model: "izhikevich", params: params)],
                               recorders: [.spikes("spikes", of: "n")])
        var sim = try Simulation(spec: spec)
        try sim.run()
        let ours = try sim.spikes("spikes"), nest = try NestTrace("izhikevich_types_spikes")
        for neuron in 0..<6 {
            let mine = zip(ours.ids, ours.timesMs).filter { $0.0 == Int32(neuron) }.map { ($0.1 / Self.dtMs).rounded() }
            let theirs = zip(nest["neuron"], nest["t_ms"]).filter { Int($0.0) == neuron }.map { ($0.1 / Self.dtMs).rounded() }
            #expect(!theirs.isEmpty && mine == theirs, "neuron \(neuron) (a \(types["a"]![neuron]), c \(types["c"]![neuron]))")
        }
    }

    @Test func consistentIntegrationOtherThanZeroOrOneIsRefusedWithItsPath() {
        #expect(throws: ConfigError(path: "params.consistent_integration",
                                    problem: "must be 1 (forward Euler) or 0 (Izhikevich's published scheme), got 0.5")) {
            try ModelDriver<Izhikevich>(["consistent_integration": 0.5])
        }
    }
}
