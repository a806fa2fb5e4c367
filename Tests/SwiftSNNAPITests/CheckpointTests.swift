import Foundation
import SwiftSNN
import Testing

/// Checkpoint and restore (`Simulation.checkpoint(to:)`, `Simulation(restoring:spec:)`): a run stopped, saved to
/// a file and restored from it goes on exactly as the run that was never stopped, and a file that is not a
/// checkpoint of this network is refused in one line.
@Suite struct CheckpointTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("snn-checkpoint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A bundled config shortened to `durationMs`, on `threads` threads, changed by `adjust`.
    static func spec(_ config: String, durationMs: Double, threads: Int = 1,
                     adjust: (inout NetworkSpec) -> Void = { _ in }) throws -> NetworkSpec {
        var spec = try NetworkSpec.load(from: Repository.config(config))
        spec.simulation.durationMs = durationMs
        spec.simulation.threads = threads
        adjust(&spec)
        return spec
    }

    /// What a run leaves that a continuation must reproduce: every spike recorder's train, every population's
    /// first state variable, every projection's weights, the counts.
    struct Outcome: Equatable {
        var spikes: [String: SpikeTrain] = [:]
        var state: [[Double]] = []
        var weights: [[Float]] = []
        var spikeCounts: [String: Int] = [:]

        init(_ sim: Simulation, spikesBefore: [String: SpikeTrain] = [:]) throws {
            for recorder in sim.recorders where recorder is any SpikeRecording {
                let train = try sim.spikes(recorder.name), before = spikesBefore[recorder.name]
                spikes[recorder.name] = SpikeTrain(timesMs: (before?.timesMs ?? []) + train.timesMs, ids: (before?.ids ?? []) + train.ids)
            }
            for population in sim.spec.populations {
                let p = sim.network.populationIndex(named: population.name)!
                if let variable = sim.network.populations[p].variableNames.first {
                    state.append(try sim.values(of: variable, in: population.name))
                }
            }
            weights = try sim.spec.projections.indices.map { try sim.synapses(ofProjection: $0).weights }
            spikeCounts = sim.summary.populations.mapValues(\.spikes)
        }
    }

    /// Runs `config` for `totalMs` straight, and for `splitMs`, checkpointed, restored from the file on
    /// `threadsAfter` threads and run for the rest; returns both outcomes and the straight run's spikes after the split.
    static func straightAndResumed(_ config: String, totalMs: Double, splitMs: Double, threadsAfter: Int = 1,
                                   adjust: (inout NetworkSpec) -> Void = { _ in }) throws
        -> (straight: Outcome, resumed: Outcome, spikesAfterSplit: Int) {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var straight = try Simulation(spec: spec(config, durationMs: totalMs, adjust: adjust))
        try straight.run()

        var first = try Simulation(spec: spec(config, durationMs: splitMs, adjust: adjust))
        try first.run()
        let file = root.appendingPathComponent("checkpoint.bin")
        try first.checkpoint(to: file)
        let before = try Outcome(first).spikes
        var resumed = try Simulation(restoring: file, spec: spec(config, durationMs: totalMs, threads: threadsAfter, adjust: adjust))
        #expect(resumed.timeMs == splitMs)
        try resumed.run(durationMs: totalMs - splitMs)
        let after = try straight.recorders.filter { $0 is any SpikeRecording }.map { try straight.spikes($0.name).since(splitMs + 1e-9).count }
        return (try Outcome(straight), try Outcome(resumed, spikesBefore: before), after.reduce(0, +))
    }

    /// Longer than the runs of every bundled config below, where it takes longer to learn (song2000: STDP;
    /// astro_stdp: signed STDP gated by an astrocyte integrator) or at full size (brunel).
    @Test(arguments: [("brunel", 60.0), ("song2000", 1000.0), ("astro_stdp", 1000.0)])
    func aRestoredRunContinuesExactlyAsTheUninterruptedOne(config: String, totalMs: Double) throws {
        let (straight, resumed, after) = try Self.straightAndResumed(config, totalMs: totalMs, splitMs: totalMs / 2)
        #expect(after > 10, "the second half has spikes to compare")
        #expect(resumed == straight)
    }

    /// Every bundled config on either engine: 100 ms straight equals 47 ms, a checkpoint and 53 ms restored
    /// (brunel's at a tenth of its size, which keeps its in-degrees: 12 500 neurons under a 20 kHz Poisson drive each
    /// would be 2.5 million events per 10 ms on the event engine). A config the event engine cannot run is
    /// refused before anything runs, in one line that names the clock engine.
    @Test(arguments: Repository.bundledConfigs, EngineKind.allCases)
    func everyBundledConfigResumesExactlyOnEitherEngine(config: String, engine: EngineKind) throws {
        let onEngine: (inout NetworkSpec) -> Void = { spec in
            spec.simulation.engine = engine
            guard config.hasPrefix("brunel") else { return }
            for p in spec.populations.indices where spec.populations[p].size > 1 { spec.populations[p].size /= 10 }
        }
        do {
            _ = try Simulation(spec: Self.spec(config, durationMs: 0, adjust: onEngine))
        } catch let error as ConfigError where engine == .event {
            #expect(error.description.hasSuffix("use \"engine\": \"clock\"") && !error.description.contains("\n"), "\(error)")
            return
        }
        let (straight, resumed, _) = try Self.straightAndResumed(config, totalMs: 100, splitMs: 47, adjust: onEngine)
        #expect(straight.spikeCounts.values.reduce(0, +) > 0, "the run has spikes to compare")
        #expect(resumed == straight)
    }

    @Test func aPlasticRunKeepsLearningAcrossTheCheckpointAsWithout() throws {
        let (straight, resumed, _) = try Self.straightAndResumed("song2000", totalMs: 1000, splitMs: 500)
        let initial = try Simulation(spec: Self.spec("song2000", durationMs: 0)).synapses(ofProjection: 0).weights
        #expect(straight.weights[0] != initial, "the weights changed")
        // Counted, not listed: a failure would print a thousand weights twice.
        #expect(zip(resumed.weights[0], straight.weights[0]).filter { $0 != $1 }.count == 0)
    }

    /// A restored run is the run that went on in the process that wrote the checkpoint, at a split that is no
    /// multiple of the weight recorder's interval.
    @Test func aRestoredRunEqualsTheRunThatWentOnInProcess() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let spec = try Self.spec("song2000", durationMs: 1000)
        var going = try Simulation(spec: spec)
        try going.run(durationMs: 300)
        let file = root.appendingPathComponent("checkpoint.bin")
        try going.checkpoint(to: file)
        let before = try Outcome(going).spikes
        try going.run(durationMs: 700)
        var resumed = try Simulation(restoring: file, spec: spec)
        try resumed.run(durationMs: 700)
        let (a, b) = (try Outcome(going), try Outcome(resumed, spikesBefore: before))
        #expect(a.spikes == b.spikes && a.state == b.state && a.spikeCounts == b.spikeCounts)
        #expect(zip(a.weights[0], b.weights[0]).filter { $0 != $1 }.count == 0)
    }

    /// A neuron parameter that follows a modulator is rebuilt at the first step after the restore as it was.
    @Test func neuronParametersBoundToAModulatorFollowItAcrossTheCheckpoint() throws {
        let (straight, resumed, _) = try Self.straightAndResumed("astro_stdp", totalMs: 1000, splitMs: 500) { spec in
            let exc = spec.populations.firstIndex { $0.name == "exc" }!
            spec.populations[exc].params["I_e"] = .bound(.modulator(name: "astro", scale: 50))
        }
        let unbound = try Self.straightAndResumed("astro_stdp", totalMs: 1000, splitMs: 500).straight
        #expect(straight.spikes != unbound.spikes, "the binding changes the run")
        #expect(resumed == straight)
    }

    /// The event engine with everything its queue holds across a split that is no multiple of dt nor of the
    /// detector's window: Poisson trains per synapse, a current switching on and off, a weighted spike generator's list,
    /// spikes in flight on per-synapse delays, lower bounds and exact crossings (iaf_psc_delta, iaf_psc_exp) and
    /// window_integrator windows.
    @Test func anEventDrivenRunWithEveryKindOfQueuedEventContinuesExactly() throws {
        let json = #"""
            {"simulation": {"duration_ms": 120, "dt_ms": 0.1, "engine": "event", "seed": 5},
             "populations": [
               {"name": "drive", "size": 1, "model": "poisson_generator", "params": {"rate": 900}},
               {"name": "step", "size": 1, "model": "dc_generator", "params": {"amplitude": 300, "start": 20, "stop": 90}},
               {"name": "train", "size": 1, "model": "spike_generator", "params": {"spike_times": [5, 33.3, 61.7, 61.75, 100.05], "spike_weights": [1, 0.5, 2, -1, 1]}},
               {"name": "exp", "size": 40, "model": "iaf_psc_exp", "initial": {"V_m": {"uniform": [-70, -56]}}},
               {"name": "delta", "size": 30, "model": "iaf_psc_delta"},
               {"name": "window", "size": 5, "model": "window_integrator", "params": {"window_ms": 3, "V_th": 2}}],
             "projections": [
               {"source": "drive", "target": "exp", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 300}},
               {"source": "step", "target": "delta", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1.5}},
               {"source": "train", "target": "delta", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 6}},
               {"source": "exp", "target": "delta", "connectivity": {"rule": "pairwise_bernoulli", "p": 0.3},
                "synapse": {"weight": 2, "delay_ms": {"uniform": [0.5, 4]}}},
               {"source": "delta", "target": "exp", "connectivity": {"rule": "fixed_indegree", "K": 5},
                "synapse": {"weight": -30, "delay_ms": 1.3}},
               {"source": "exp", "target": "window", "connectivity": {"rule": "fixed_indegree", "K": 4}, "synapse": {"weight": 1}}],
             "recorders": [{"name": "exp", "type": "spikes", "population": "exp"},
                           {"name": "delta", "type": "spikes", "population": "delta"},
                           {"name": "window", "type": "spikes", "population": "window"}]}
            """#
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let spec = try NetworkSpec(json: Data(json.utf8))
        var straight = try Simulation(spec: spec)
        try straight.run()
        var first = try Simulation(spec: spec)
        try first.run(durationMs: 47.3)
        let file = root.appendingPathComponent("checkpoint.bin")
        try first.checkpoint(to: file)
        let before = try Outcome(first).spikes
        var resumed = try Simulation(restoring: file, spec: spec)
        try resumed.run(durationMs: 120 - 47.3)
        let (a, b) = (try Outcome(straight), try Outcome(resumed, spikesBefore: before))
        for name in ["exp", "delta", "window"] {
            #expect(try straight.spikes(name).since(47.3 + 1e-9).count > 5, "\(name) spikes after the split")
        }
        #expect(a == b)
    }

    /// Plastic projections in the event engine: STDP with pairs in flight across the split (arrivals queued, traces
    /// in continuous time), one of them with a dendritic share, so that postsynaptic spikes are queued too.
    @Test func anEventDrivenPlasticRunContinuesExactly() throws {
        let json = #"""
            {"simulation": {"duration_ms": 400, "dt_ms": 0.1, "engine": "event", "seed": 11},
             "populations": [
               {"name": "drive", "size": 1, "model": "poisson_generator", "params": {"rate": 3000}},
               {"name": "pre", "size": 30, "model": "iaf_psc_exp", "initial": {"V_m": {"uniform": [-70, -56]}}},
               {"name": "post", "size": 10, "model": "iaf_psc_exp"}],
             "projections": [
               {"source": "drive", "target": "pre", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 120}},
               {"source": "pre", "target": "post", "connectivity": {"rule": "all_to_all"},
                "synapse": {"weight": 90, "delay_ms": 1.7}, "plasticity": {"rule": "stdp", "params": {"w_max": 200, "lambda": 0.05}}},
               {"source": "pre", "target": "post", "connectivity": {"rule": "pairwise_bernoulli", "p": 0.5},
                "synapse": {"weight": 60, "delay_ms": 2.5}, "dendritic_fraction": 0.5,
                "plasticity": {"rule": "stdp", "params": {"w_max": 150, "lambda": 0.05}}}],
             "recorders": [{"name": "pre", "type": "spikes", "population": "pre"},
                           {"name": "post", "type": "spikes", "population": "post"}]}
            """#
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let spec = try NetworkSpec(json: Data(json.utf8))
        var straight = try Simulation(spec: spec)
        try straight.run()
        var first = try Simulation(spec: spec)
        try first.run(durationMs: 173.3)
        let file = root.appendingPathComponent("checkpoint.bin")
        try first.checkpoint(to: file)
        let before = try Outcome(first).spikes
        var resumed = try Simulation(restoring: file, spec: spec)
        try resumed.run(durationMs: 400 - 173.3)
        let (a, b) = (try Outcome(straight), try Outcome(resumed, spikesBefore: before))
        #expect(try straight.spikes("post").since(173.3 + 1e-9).count > 20, "post spikes after the split")
        let initial = try Simulation(spec: spec)
        for q in [1, 2] { #expect(try initial.synapses(ofProjection: q).weights != a.weights[q], "projection \(q) learned") }
        #expect(a == b)
    }

    /// Delays that a rule moves (delay_shift beside STDP, `DelayShiftTests.learningNetwork`) and a matrix rule (oja_subspace,
    /// split inside a period, so the period's spike counts carry over) go on across the checkpoint as without.
    @Test func changingDelaysAndMatrixRulesContinueExactly() throws {
        let delays = DelayShiftTests.learningNetwork()
        let matrix = try NetworkSpec(json: Data(#"""
            {"simulation": {"duration_ms": 400, "dt_ms": 1, "seed": 3},
             "populations": [{"name": "pre", "size": 20, "model": "poisson_generator", "params": {"rate": 40}},
                             {"name": "x", "size": 20, "model": "parrot_neuron"},
                             {"name": "lateral", "size": 4, "model": "iaf_psc_delta", "params": {"tau_m": 1e9, "V_th": 1e9}}],
             "projections": [{"source": "pre", "target": "x", "connectivity": {"rule": "one_to_one"}, "synapse": {"weight": 1}},
                             {"source": "x", "target": "lateral", "connectivity": {"rule": "all_to_all"},
                              "synapse": {"weight": {"uniform": [-0.2, 0.2]}, "delay_ms": 1},
                              "plasticity": {"rule": "oja_subspace", "params": {"period_ms": 20, "eta": 0.05}}}],
             "recorders": [{"name": "x", "type": "spikes", "population": "x"}]}
            """#.utf8))
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for (spec, split, delaysMove) in [(delays, 173.3, true), (matrix, 187.0, false)] {
            var straight = try Simulation(spec: spec)
            try straight.run()
            var first = try Simulation(spec: spec)
            try first.run(durationMs: split)
            let file = root.appendingPathComponent("checkpoint.bin")
            try first.checkpoint(to: file)
            var resumed = try Simulation(restoring: file, spec: spec)
            try resumed.run(durationMs: 400 - split)
            let learned = try straight.delays(ofProjection: 1), initial = try Simulation(spec: spec)
            #expect(try initial.synapses(ofProjection: 1).weights != straight.synapses(ofProjection: 1).weights, "weights learned")
            #expect(try (initial.delays(ofProjection: 1) != learned) == delaysMove)
            #expect(try resumed.delays(ofProjection: 1) == learned)
            #expect(try Outcome(resumed, spikesBefore: try Outcome(first).spikes) == Outcome(straight))
        }
    }

    @Test func threadCountMayChangeAcrossTheCheckpoint() throws {
        let (straight, resumed, _) = try Self.straightAndResumed("brunel", totalMs: 60, splitMs: 30, threadsAfter: 2)
        #expect(resumed == straight)
    }

    /// The error restoring `bytes` (changed from a valid checkpoint of cuba after 5 ms by `damage`) into `spec`.
    static func restoreError(damage: (inout Data) -> Void, into spec: NetworkSpec? = nil) throws -> String? {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let written = try Self.spec("cuba", durationMs: 5)
        var sim = try Simulation(spec: written)
        try sim.run()
        let file = root.appendingPathComponent("checkpoint.bin")
        try sim.checkpoint(to: file)
        var data = try Data(contentsOf: file)
        damage(&data)
        try data.write(to: file)
        do {
            _ = try Simulation(restoring: file, spec: spec ?? written)
            return nil
        } catch let error as SNNError {
            #expect(!error.description.contains("\n"), "one line")
            return error.description
        }
    }

    @Test func aDamagedCheckpointIsRefusedInOneLine() throws {
        #expect(try Self.restoreError { $0 = $0.prefix($0.count / 2) }?.contains("checkpoint is truncated") == true)
        #expect(try Self.restoreError { $0 = $0.prefix(10) }?.contains("checkpoint is truncated") == true)
        #expect(try Self.restoreError { $0[$0.count / 2] ^= 0x10 }?.contains("checkpoint is corrupt") == true)
        #expect(try Self.restoreError { $0[8] = 99 }?.contains("checkpoint format version 99") == true)
        #expect(try Self.restoreError { $0 = Data("{\"not\": \"a checkpoint\"}".utf8) }?.contains("is not a SwiftSNN checkpoint") == true)
        #expect(try Self.restoreError { $0.append(0) }?.contains("trailing bytes") == true)
    }

    @Test func aCheckpointIsRefusedByAnotherNetwork() throws {
        var otherSeed = try Self.spec("cuba", durationMs: 5)
        otherSeed.simulation.seed = 2
        #expect(try Self.restoreError(damage: { _ in }, into: otherSeed)?.contains("written for a different network") == true)
        let brunel = try Self.spec("brunel", durationMs: 5)
        #expect(try Self.restoreError(damage: { _ in }, into: brunel)?.contains("written for a different network") == true)
        // Duration, threads and recorders are not part of the network.
        var longer = try Self.spec("cuba", durationMs: 50, threads: 2)
        longer.recorders.removeLast()
        #expect(try Self.restoreError(damage: { _ in }, into: longer) == nil)
    }

    @Test func stateACheckpointDoesNotCoverIsRefusedBeforeAnythingIsWritten() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("checkpoint.bin")
        let neuron = IafPscDelta.Parameters(tauMembraneMs: 10, restingMV: 0, thresholdMV: 15, resetMV: 0)
        let learningDelays = NetworkSpec(
            simulation: SimulationSpec(durationMs: 5, engine: .event),
            populations: [PopulationSpec(name: "pre", size: 1, model: "spike_generator", params: ["spike_times": .numbers([1])]),
                          PopulationSpec(name: "post", size: 1, neuron)],
            projections: [ProjectionSpec(source: "pre", target: "post", connectivity: .allToAll, weight: .constant(1),
                                         delayMs: .constant(2),
                                         delayPlasticity: DelayPlasticitySpec(rule: "delay_shift", params: ["d_max_ms": 12]))])
        #expect(throws: SNNError("checkpoints of the event engine do not cover the changing delays of projection 0 (static) yet; use \"engine\": \"clock\"")) {
            try Simulation(spec: learningDelays).checkpoint(to: file)
        }
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }
}
