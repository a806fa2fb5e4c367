import ArgumentParser
import Foundation
import SwiftSNN

/// `snn bench`: micro-benchmarks of the two hot loops on synthetic data, so a change to either can be measured
/// without a whole network around it. tools/bench/bench.py compares whole networks against NEST and Brian2.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the neuron update (ns per neuron and step) and static spike delivery (ns per synaptic event).",
        discussion: """
            What is timed (wall clock, median over --reps repetitions after one untimed warm-up):
            model update: one model's update(...) over all neurons, called once per step on buffers owned here, \
            one thread; it takes (reads and clears) the synaptic input planes, as in a network without current \
            generators. Neurons get a constant current that drives them 5 mV above threshold and start spread \
            between reset and threshold, so some fire every step (the fraction is printed).
            engine update: ClockDrivenEngine on a network of those neurons alone; adds the engine's bookkeeping \
            per step (ring slots, joining the parts' spikes) and one parallel region per step.
            delivery: ClockDrivenEngine with a bernoulli_input source (every neuron fires with probability \
            --spike-fraction per step) projecting with fixed_outdegree --synapses-per-source onto as many \
            iaf_psc_delta neurons (weight 0.01 mV, never enough to fire them), minus the same network without the \
            projection, divided by the synaptic events. The difference contains the delivery kernel, its parallel \
            region per min-delay slice and the serial bookkeeping of the slice's spikes.
            """
    )

    enum Part: String, ExpressibleByArgument, CaseIterable {
        case update, delivery
    }

    @Option(help: "Neurons per population (sources and targets for delivery).")
    var neurons = 100_000

    @Option(name: .customLong("synapses-per-source"), help: "Outgoing synapses per source neuron (delivery).")
    var synapsesPerSource = 100

    @Option(name: .customLong("spike-fraction"), help: "Probability that a source fires in a step (delivery).")
    var spikeFraction = 0.01

    @Option(name: .customLong("delay-ms"), help: "Synaptic delay (delivery); it sets the engine's slice length.")
    var delayMs = 1.5

    @Option(help: "Steps of dt = 0.1 ms per repetition.")
    var steps = 1000

    @Option(help: "Timed repetitions; the median is reported.")
    var reps = 5

    @Option(help: "Engine threads (the model-update benchmark is always one thread).")
    var threads = 1

    @Option(help: "Run only these parts (update, delivery); default both.")
    var only: [Part] = []

    @Option(help: ArgumentHelp("Also write the results as JSON to this file.", valueName: "FILE"))
    var json: String?

    func validate() throws {
        if neurons < 1 { throw ValidationError("--neurons must be >= 1") }
        if synapsesPerSource < 1 { throw ValidationError("--synapses-per-source must be >= 1") }
        if !(spikeFraction > 0 && spikeFraction <= 1) { throw ValidationError("--spike-fraction must be in (0, 1]") }
        if !(delayMs >= 0.1) { throw ValidationError("--delay-ms must be >= dt = 0.1") }
        if steps < 1 { throw ValidationError("--steps must be >= 1") }
        if reps < 1 { throw ValidationError("--reps must be >= 1") }
        if threads < 1 { throw ValidationError("--threads must be >= 1") }
    }

    func run() throws {
        let parts = only.isEmpty ? Part.allCases : only
        var report = BenchReport(neurons: neurons, steps: steps, reps: reps, threads: threads)
        print("snn bench: \(neurons) neurons, \(steps) steps of 0.1 ms per repetition, median of \(reps) after 1 warm-up")
        do {
            if parts.contains(.update) {
                print("neuron update, model alone (1 thread):")
                let models: [any NeuronModel.Type] = [IafPscDelta.self, IafPscExp.self, IafPscAlpha.self, IafCondExp.self,
                                                      IafCondAlpha.self, Mat2PscExp.self, Izhikevich.self, AeifCondExp.self,
                                                      AeifPscExp.self, SnnTorchLeaky.self, SnnTorchSynaptic.self, SpikingJellyLIF.self,
                                                      LavaCubaLIF.self]
                for m in try models.map({ try modelUpdate($0) }) {
                    print(m.line)
                    report.modelUpdate.append(m)
                }
                print("neuron update in the engine (\(threads) thread(s)):")
                for m in try models.map({ try engineUpdate($0) }) {
                    print(m.line)
                    report.engineUpdate.append(m)
                }
            }
            if parts.contains(.delivery) {
                let d = try delivery()
                print(d.lines)
                report.delivery = d
            }
        } catch let error as ConfigError {
            throw fail(error)
        }
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            do {
                try (encoder.encode(report) + Data("\n".utf8)).write(to: URL(fileURLWithPath: json))
            } catch {
                throw fail(SNNError("cannot write \(json): \(error.localizedDescription)"))
            }
        }
    }

    // MARK: - Neuron update

    /// Defaults of the model with a constant current that makes it fire regularly (for the LIF family, one that
    /// puts the free membrane potential 5 mV above threshold; Izhikevich's regular spiking at 10; AdEx's tonic
    /// spiking with adaptation at 800 pA, the case of models/nest/aeif_cond_exp_dc.csv; mat2_psc_exp's adapting
    /// train at 500 pA, from rest to its resting threshold), and the range
    /// V_m starts in, from reset to threshold, over which neurons are spread so that firing is out of phase.
    private func drive<M: NeuronModel>(_: M.Type) throws -> (parameters: ParameterValues, initialV: (low: Double, high: Double)) {
        let d = try ParameterValues(defaultsOf: M.parameters)
        if M.self == Izhikevich.self {
            return (try ParameterValues(defaultsOf: M.parameters, overriding: ["I_e": 10]),
                    (d["c"], d["V_th"] - 1e-9))
        }
        if M.self == AeifCondExp.self || M.self == AeifPscExp.self {
            return (try ParameterValues(defaultsOf: M.parameters, overriding: ["I_e": 800]), (d["V_reset"], d["V_th"]))
        }
        if M.self == Mat2PscExp.self {
            // 500 pA: the adapting train of models/nest/mat2_psc_exp_dc.csv; V from rest to the resting threshold.
            return (try ParameterValues(defaultsOf: M.parameters, overriding: ["I_e": 500]), (d["E_L"], d["omega"] - 1e-9))
        }
        // The deep-SNN neurons take no constant current: Lava's bias drives v towards bias/dv = 15 > vth, so it fires;
        // snnTorch's and SpikingJelly's are timed decaying from below threshold, without spikes.
        if M.self == LavaCubaLIF.self {
            return (try ParameterValues(defaultsOf: M.parameters, overriding: ["dv": 0.1, "bias_mant": 1.5]), (0, d["vth"]))
        }
        if let key = ["threshold", "v_threshold"].first(where: { key in M.parameters.contains { $0.key == key } }) {
            return (d, (0, d[key] - 1e-9))
        }
        let leakNS = M.parameters.contains { $0.key == "g_L" } ? d["g_L"] : d["C_m"] / d["tau_m"]
        return (try ParameterValues(defaultsOf: M.parameters, overriding: ["I_e": leakNS * (d["V_th"] + 5 - d["E_L"])]),
                (d["V_reset"], d["V_th"] - 1e-9))
    }

    private func modelUpdate<M: NeuronModel>(_: M.Type) throws -> UpdateResult {
        let (p, initialV) = try drive(M.self)
        let model = try M(p, dtMs: 0.1)
        let n = neurons
        var state = [Double](repeating: 0, count: M.stateVariables.count * n)
        for v in M.stateVariables.indices {
            for i in 0..<n { state[v * n + i] = model.defaultInitialValue(of: v) }
        }
        var rng = RandomStream(seed: 1, purpose: .initialState, 0)
        for i in 0..<n { state[i] = initialV.low + (initialV.high - initialV.low) * rng.nextUniform() }
        var refractory = [Int32](repeating: 0, count: n)
        var input = [Double](repeating: 0, count: M.ports.planes * n)
        // As in a network without current generators: the synaptic planes are read and cleared, the current plane skipped.
        let livePlanes = UInt32(1 << M.ports.excitatory | 1 << M.ports.inhibitory)
        var fired = [Int32](repeating: 0, count: n)
        var spikeCount = 0
        var seconds: [Double] = []
        for rep in 0...reps {
            let t = state.withUnsafeMutableBufferPointer { s in
                refractory.withUnsafeMutableBufferPointer { r in
                    input.withUnsafeMutableBufferPointer { x in
                        fired.withUnsafeMutableBufferPointer { f in
                            time {
                                for _ in 0..<steps {
                                    spikeCount += model.update(state: s.baseAddress!, refractory: r.baseAddress!, count: n,
                                                               range: 0..<n,
                                                               input: StepInput(values: x.baseAddress!, livePlanes: livePlanes),
                                                               fired: f.baseAddress!)
                                }
                            }
                        }
                    }
                }
            }
            if rep > 0 { seconds.append(t) }
        }
        let updates = Double(n * steps)
        return UpdateResult(model: M.name, secondsPerRep: seconds, nsPerUpdate: median(seconds) / updates * 1e9,
                            spikesPerUpdate: Double(spikeCount) / (updates * Double(reps + 1)))
    }

    private func engineUpdate<M: NeuronModel>(_: M.Type) throws -> UpdateResult {
        let (p, initialV) = try drive(M.self)
        var group = NeuronGroup(name: "neurons", model: try M(p, dtMs: 0.1), count: neurons)
        group.initialize(variable: 0, with: .uniform(low: initialV.low, high: initialV.high), seed: 1)
        let network = Network(grid: TimeGrid(dtMs: 0.1), seed: 1, populations: [group])
        var engine = try ClockDrivenEngine(network: network, threads: threads)
        var recorders: [any Recorder] = []
        var seconds: [Double] = []
        for rep in 0...reps {
            let t = try time { try engine.run(durationMs: Double(steps) * 0.1, recorders: &recorders, observer: nil) }
            if rep > 0 { seconds.append(t) }
        }
        let updates = Double(neurons * steps)
        return UpdateResult(model: M.name, secondsPerRep: seconds, nsPerUpdate: median(seconds) / updates * 1e9,
                            spikesPerUpdate: Double(engine.statistics.spikes[0]) / (updates * Double(reps + 1)))
    }

    // MARK: - Delivery

    private func deliveryNetwork(withProjection: Bool) throws -> Network {
        var spec = NetworkSpec(
            simulation: SimulationSpec(durationMs: Double(steps) * 0.1, dtMs: 0.1, seed: 1, threads: threads),
            populations: [PopulationSpec(name: "source", size: neurons, model: BernoulliInput.name, params: ["p": .number(spikeFraction)]),
                          PopulationSpec(name: "target", size: neurons, model: IafPscDelta.name)])
        if withProjection {
            spec.projections = [ProjectionSpec(source: "source", target: "target",
                                               connectivity: Connectivity(rule: .fixedOutdegree(k: synapsesPerSource)),
                                               weight: 0.01, delayMs: .constant(delayMs))]
        }
        return try NetworkBuilder().build(spec)
    }

    private func delivery() throws -> DeliveryResult {
        var with = try ClockDrivenEngine(network: try deliveryNetwork(withProjection: true), threads: threads)
        var without = try ClockDrivenEngine(network: try deliveryNetwork(withProjection: false), threads: threads)
        var recorders: [any Recorder] = []
        let ms = Double(steps) * 0.1
        var withSeconds: [Double] = [], withoutSeconds: [Double] = []
        var eventsPerRep: UInt64 = 0
        // Interleaved, so that a change in machine load hits both variants alike.
        for rep in 0...reps {
            let before = with.statistics.synapticEvents
            let a = try time { try with.run(durationMs: ms, recorders: &recorders, observer: nil) }
            let b = try time { try without.run(durationMs: ms, recorders: &recorders, observer: nil) }
            if rep > 0 {
                withSeconds.append(a)
                withoutSeconds.append(b)
                eventsPerRep = with.statistics.synapticEvents - before
            }
        }
        let spikes = Double(with.statistics.spikes[0]) / Double(neurons * steps * (reps + 1))
        let difference = median(withSeconds) - median(withoutSeconds)
        return DeliveryResult(sources: neurons, synapsesPerSource: synapsesPerSource, spikeFraction: spikes,
                              delayMs: delayMs, sliceSteps: with.sliceSteps, eventsPerRep: eventsPerRep,
                              withSeconds: withSeconds, withoutSeconds: withoutSeconds,
                              nsPerEvent: difference / Double(eventsPerRep) * 1e9)
    }

    // MARK: - Helpers

    private func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

private struct UpdateResult: Encodable {
    var model: String
    var secondsPerRep: [Double]
    var nsPerUpdate: Double
    var spikesPerUpdate: Double

    var line: String {
        "  " + model.padding(toLength: max(18, model.count + 1), withPad: " ", startingAt: 0)
            + String(format: "%7.3f ns per neuron and step   (%.2f%% of updates spike)", nsPerUpdate, 100 * spikesPerUpdate)
    }

    enum CodingKeys: String, CodingKey {
        case model
        case secondsPerRep = "seconds_per_rep"
        case nsPerUpdate = "ns_per_update"
        case spikesPerUpdate = "spikes_per_update"
    }
}

private struct DeliveryResult: Encodable {
    var sources: Int
    var synapsesPerSource: Int
    var spikeFraction: Double
    var delayMs: Double
    var sliceSteps: Int
    var eventsPerRep: UInt64
    var withSeconds: [Double]
    var withoutSeconds: [Double]
    var nsPerEvent: Double

    var lines: String {
        let with = withSeconds.sorted()[withSeconds.count / 2], without = withoutSeconds.sorted()[withoutSeconds.count / 2]
        return [
            String(format: "static delivery in the engine (%d sources x %d synapses, %.2f%% firing per step, delay %g ms, slice %d steps):",
                   sources, synapsesPerSource, 100 * spikeFraction, delayMs, sliceSteps),
            String(format: "  %.4f s per repetition with the projection, %.4f s without; %llu events per repetition",
                   with, without, eventsPerRep),
            String(format: "  %7.3f ns per synaptic event   (%.3g events/s)", nsPerEvent, 1e9 / nsPerEvent),
        ].joined(separator: "\n")
    }

    enum CodingKeys: String, CodingKey {
        case sources
        case synapsesPerSource = "synapses_per_source"
        case spikeFraction = "spike_fraction"
        case delayMs = "delay_ms"
        case sliceSteps = "slice_steps"
        case eventsPerRep = "events_per_rep"
        case withSeconds = "seconds_per_rep_with_projection"
        case withoutSeconds = "seconds_per_rep_without_projection"
        case nsPerEvent = "ns_per_event"
    }
}

private struct BenchReport: Encodable {
    var neurons: Int
    var steps: Int
    var reps: Int
    var threads: Int
    var modelUpdate: [UpdateResult] = []
    var engineUpdate: [UpdateResult] = []
    var delivery: DeliveryResult?

    enum CodingKeys: String, CodingKey {
        case neurons, steps, reps, threads, delivery
        case modelUpdate = "model_update"
        case engineUpdate = "engine_update"
    }
}
