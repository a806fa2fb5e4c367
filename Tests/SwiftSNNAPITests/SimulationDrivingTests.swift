import Foundation
import SwiftSNN
import Testing

/// Driving a simulation from Swift: running in pieces, changing state, parameters and weights between pieces,
/// reading results by recorder name. Expected values are closed forms of `iaf_psc_delta`'s free membrane
/// (V − E_L decays as e^(−t/τ_m); a constant current I_e relaxes it to E_L + I_e·τ_m/C_m) or the uncut run.
@Suite struct SimulationDrivingTests {
    /// One `iaf_psc_delta` neuron (E_L 0, τ_m 10 ms, C_m 250 pF, threshold far away), fed by a spike generator.
    static func singleNeuron(spikeTimesMs: [Double] = [], weight: Double = 1, engine: EngineKind? = nil) -> NetworkSpec {
        let neuron = IafPscDelta.Parameters(capacitancePF: 250, tauMembraneMs: 10, restingMV: 0, thresholdMV: 1000,
                                            resetMV: 0, refractoryMs: 2, constantCurrentPA: 0)
        var spec = NetworkSpec(simulation: SimulationSpec(durationMs: 100, engine: engine),
                               populations: [PopulationSpec(name: "n", size: 1, neuron, initial: ["V_m": 0])],
                               recorders: [.state("vm", of: "n", variables: ["V_m"], intervalMs: 0.1)])
        if !spikeTimesMs.isEmpty {
            spec.populations.append(PopulationSpec(name: "in", size: 1, model: "spike_generator",
                                                   params: ["spike_times": .numbers(spikeTimesMs)]))
            spec.projections = [ProjectionSpec(source: "in", target: "n", connectivity: .allToAll,
                                               weight: .constant(weight), delayMs: 1)]
        }
        return spec
    }

    @Test func runInPiecesGivesTheSameSpikesAsOneRun() throws {
        var spec = try NetworkSpec.load(from: Repository.config("cuba"))
        spec.simulation.durationMs = 100
        var whole = try Simulation(spec: spec)
        try whole.run()
        var pieces = try Simulation(spec: spec)
        try pieces.run(durationMs: 100, every: 7) { _ in }
        #expect(pieces.timeMs == whole.timeMs)
        #expect(try whole.spikes("spikes_exc").count > 100)
        #expect(try pieces.spikes("spikes_exc") == whole.spikes("spikes_exc"))
        #expect(try pieces.spikes("spikes_inh") == whole.spikes("spikes_inh"))
    }

    /// The end of each piece applies deferred potentiation (`PostSpikeHistory`) so that the weights can be read;
    /// the learned weights must not depend on where the pieces end.
    @Test func plasticRunInPiecesLearnsTheSameWeightsAsOneRun() throws {
        var spec = try NetworkSpec.load(from: Repository.config("song2000"))
        spec.simulation.durationMs = 1000
        var whole = try Simulation(spec: spec)
        try whole.run()
        var pieces = try Simulation(spec: spec)
        try pieces.run(durationMs: 1000, every: 37) { _ in }
        let initial = try Simulation(spec: spec).synapses(ofProjection: 0).weights
        let (a, b) = (try whole.synapses(ofProjection: 0).weights, try pieces.synapses(ofProjection: 0).weights)
        #expect(a != initial)
        // Counted, not listed: a failure would print a thousand weights twice.
        #expect(zip(a, b).filter { $0 != $1 }.count == 0)
        #expect(try pieces.spikes("spikes") == whole.spikes("spikes"))
    }

    @Test func stepAdvancesByOneTimeStep() throws {
        var sim = try Simulation(spec: Self.singleNeuron())
        try sim.step()
        try sim.step()
        #expect(abs(sim.timeMs - 0.2) < 1e-12)
    }

    @Test(arguments: EngineKind.allCases)
    func membranePotentialSetBetweenRunsDecaysLikeTheClosedForm(engine: EngineKind) throws {
        var sim = try Simulation(spec: Self.singleNeuron(engine: engine))
        try sim.run(durationMs: 10)
        try sim.set("V_m", of: "n", to: 15)
        #expect(try sim.values(of: "V_m", in: "n") == [15])
        try sim.run(durationMs: 5)
        let v = try sim.values(of: "V_m", in: "n")[0]
        #expect(abs(v - 15 * exp(-5.0 / 10)) < 1e-12)
        let samples = try sim.samples("vm", variable: "V_m")
        #expect(samples.timesMs.count == 150 && abs(samples.timesMs.last! - 15) < 1e-9)
        #expect(samples.values.last == [v])
    }

    @Test(arguments: EngineKind.allCases)
    func currentSetBetweenRunsRelaxesLikeTheClosedForm(engine: EngineKind) throws {
        var sim = try Simulation(spec: Self.singleNeuron(engine: engine))
        try sim.run(durationMs: 10)
        try sim.setParameter("I_e", of: "n", to: 100)
        try sim.run(durationMs: 30)
        // E_L + I_e·τ_m/C_m·(1 − e^(−t/τ_m)), 100 pA · 10 ms / 250 pF = 4 mV.
        let expected = 4 * (1 - exp(-30.0 / 10))
        #expect(abs(try sim.values(of: "V_m", in: "n")[0] - expected) < 1e-9)
    }

    @Test(arguments: EngineKind.allCases)
    func weightSetBetweenRunsActsOnTheSpikesThatFollow(engine: EngineKind) throws {
        // Spikes at 5 and 25 ms arrive 1 ms later as jumps of the weight (mV).
        var sim = try Simulation(spec: Self.singleNeuron(spikeTimesMs: [5, 25], engine: engine))
        try sim.run(durationMs: 15)
        #expect(try sim.synapses(ofProjection: 0) == Network.Synapses(sources: [0], targets: [0], weights: [1]))
        try sim.setWeights(ofProjection: 0, to: [3])
        try sim.run(durationMs: 15)
        let expected = exp(-(30.0 - 6) / 10) + 3 * exp(-(30.0 - 26) / 10)
        #expect(abs(try sim.values(of: "V_m", in: "n")[0] - expected) < 1e-9)
    }

    @Test func badChangesAreOneLineErrors() throws {
        var sim = try Simulation(spec: Self.singleNeuron(spikeTimesMs: [5]))
        #expect(throws: SNNError("unknown population 'x'; known: n, in")) { try sim.set("V_m", of: "x", to: 0) }
        #expect(throws: SNNError("unknown state variable 'V' of 'n'; known: V_m, I_stim")) { try sim.set("V", of: "n", to: 0) }
        #expect(throws: SNNError("projection 0: 2 weights given, expected 1 (one per synapse)")) {
            try sim.setWeights(ofProjection: 0, to: [1, 2])
        }
        let tooShort = #expect(throws: ConfigError.self) { try sim.setParameter("tau_m", of: "n", to: -1) }
        #expect(tooShort?.description == "populations[0].params.tau_m: must be > 0, got -1")
        #expect(throws: SNNError("unknown recorder 'spikes'; known: vm")) { _ = try sim.spikes("spikes") }
    }

    /// A change in the event engine at 25 ms, between a presynaptic arrival (24 ms) and the postsynaptic spike
    /// (26.5 ms), must keep the presynaptic trace: the pair potentiates as `DendriticDelayTests`' closed form says.
    @Test func eventEngineKeepsPlasticTracesOverAChange() throws {
        var sim = try Simulation(spec: DendriticDelayTests.spec(dendriticFraction: nil, lagMs: 6.5, engine: .event))
        try sim.run(durationMs: 25)
        try sim.setParameter("I_e", of: "post", to: 0)
        try sim.run(durationMs: 35)
        #expect(try sim.spikes("post").timesMs == [26.5])
        let w = Double(try sim.synapses(ofProjection: 0).weights[0])
        #expect(abs(w - DendriticDelayTests.expectedWeight(pairLagMs: 2.5)) < 1e-6)
    }

    /// A refractory period that spans a change goes on: the neuron, kicked over threshold at 6 ms (t_ref 2 ms), is
    /// clamped at V_reset until 8 ms even though V_m was set at 7 ms, then decays from there.
    @Test func eventEngineKeepsRefractoryPeriodsOverAChange() throws {
        var spec = Self.singleNeuron(spikeTimesMs: [5], weight: 2000, engine: .event)
        spec.recorders.append(.spikes("spikes", of: "n"))
        var sim = try Simulation(spec: spec)
        try sim.run(durationMs: 7)
        #expect(try sim.spikes("spikes").timesMs == [6])
        try sim.setParameter("I_e", of: "n", to: 100)
        try sim.run(durationMs: 3)
        // From 8 ms the free membrane with I_e: 4 mV·(1 − e^(−t/τ_m)) from V_reset 0.
        #expect(abs(try sim.values(of: "V_m", in: "n")[0] - 4 * (1 - exp(-2.0 / 10))) < 1e-12)
    }

    /// Poisson arrivals at 200 synapses (1 ms delay) while the rate is changed from code: 1 Hz, then 1000 Hz at
    /// 200 ms, 0 at 400 ms, 500 Hz at 600 ms. A spike emitted before a change arrives after it; the rest follow
    /// the new rate at once, however far off the old rate had put the next spike. Expected counts per window are
    /// the process's means (rate × synapses × emission time feeding the window), checked to 5 σ of Poisson noise.
    @Test func eventEnginePoissonRateChangesActFromTheChange() throws {
        let spec = NetworkSpec(
            simulation: SimulationSpec(durationMs: 800, engine: .event),
            populations: [PopulationSpec(name: "n", size: 200, IafPscDelta.Parameters(thresholdMV: 1e9)),
                          PopulationSpec(name: "drive", size: 1, model: "poisson_generator", params: ["rate": 1])],
            projections: [ProjectionSpec(source: "drive", target: "n", connectivity: .allToAll, weight: 0, delayMs: 1)])
        var sim = try Simulation(spec: spec)
        var counts: [Double] = []
        for rate in [1000.0, 0, 500, 500] {
            let before = sim.engine.statistics.synapticEvents
            try sim.run(durationMs: 200)
            counts.append(Double(sim.engine.statistics.synapticEvents - before))
            try sim.setParameter("rate", of: "drive", to: rate)
        }
        let expected = [1 * 0.199, 1 * 0.001 + 1000 * 0.199, 1000 * 0.001, 500 * 0.199].map { 200 * $0 }
        for (count, mean) in zip(counts, expected) {
            #expect(abs(count - mean) <= 5 * max(1, sqrt(mean)), "\(count) arrivals, mean \(mean)")
        }
    }

    @Test func eventEngineRefusesChangesItCannotCarryOver() throws {
        var spec = Self.singleNeuron(engine: .event)
        spec.populations.append(PopulationSpec(name: "dc", size: 1, model: "dc_generator", params: ["amplitude": 10]))
        spec.projections = [ProjectionSpec(source: "dc", target: "n", connectivity: .allToAll, weight: 1, delayMs: 1)]
        var sim = try Simulation(spec: spec)
        try sim.setParameter("amplitude", of: "dc", to: 20)
        try sim.run(durationMs: 5)
        #expect(throws: SNNError("the event engine cannot change generator 'dc' after its first run, except a Poisson rate; use \"engine\": \"clock\"")) {
            try sim.setParameter("amplitude", of: "dc", to: 30)
        }
        try sim.run(durationMs: 5)
    }

    /// A controller reads the output's spikes every 10 ms and switches its Poisson drive off once the output
    /// fires: afterwards, when what was in flight has arrived, the output stays silent.
    @Test(arguments: EngineKind.allCases)
    func closedLoopControllerSwitchesTheDriveOff(engine: EngineKind) throws {
        let neuron = IafPscDelta.Parameters(tauMembraneMs: 20, restingMV: 0, thresholdMV: 20, resetMV: 10)
        let spec = NetworkSpec(
            simulation: SimulationSpec(durationMs: 300, engine: engine),
            populations: [PopulationSpec(name: "out", size: 20, neuron),
                          PopulationSpec(name: "drive", size: 1, model: "poisson_generator", params: ["rate": 20000])],
            projections: [ProjectionSpec(source: "drive", target: "out", connectivity: .allToAll, weight: 0.2, delayMs: 1.5)],
            recorders: [.spikes("spikes_out", of: "out")])
        var sim = try Simulation(spec: spec)
        var switchedOffAtMs: Double?
        try sim.run(durationMs: 300, every: 10) { sim in
            if switchedOffAtMs == nil, try sim.spikes("spikes_out").count > 0 {
                try sim.setParameter("rate", of: "drive", to: 0)
                switchedOffAtMs = sim.timeMs
            }
        }
        let off = try #require(switchedOffAtMs)
        #expect(off < 300)
        #expect(try sim.spikes("spikes_out").since(off + 2).count == 0)
    }
}

/// A simulation is not `Sendable` (see `Simulation`), but one that nothing else holds can be handed to a task
/// that runs it: Swift 6's region-based isolation checks that the sender does not use it afterwards.
@Suite struct SimulationTransferTests {
    @Test(arguments: ["cuba", "cuba_event"])
    func aSimulationBuiltHereRunsInAnotherTask(config: String) async throws {
        var spec = try NetworkSpec.load(from: Repository.config(config))
        spec.simulation.durationMs = 50
        let reference = try {
            var sim = try Simulation(spec: spec)
            try sim.run()
            return try sim.spikes("spikes_exc")
        }()
        let sim = try Simulation(spec: spec)
        let spikes = try await Task.detached { [sim] in
            var sim = sim
            try sim.run()
            return try sim.spikes("spikes_exc")
        }.value
        #expect(spikes == reference)
        #expect(spikes.count > 0)
    }
}
