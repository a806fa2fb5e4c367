import Foundation
import Testing
@testable import SwiftSNN

/// The discrete-time neurons of deep-SNN libraries against those libraries' published recurrences, restated here
/// from their sources (the reference for every trace; the model files cite the same sources):
/// snnTorch 0.9.4 `snntorch/_neurons/leaky.py` and `synaptic.py` (`forward`, `_base_sub`, `_base_zero`,
/// `_base_int`; `mem_reset` and `fire` are `mem − threshold > 0`), SpikingJelly `activation_based/functional/neuron.py`
/// (`lif_charge`, `voltage_reset`; eval-mode spike `H − V_th ≥ 0`), Lava `src/lava/proc/lif/models.py`
/// (`AbstractPyLifModelFloat.subthr_dynamics`, `PyLifModelFloat.spiking_activation`, `reset_voltage`).
///
/// Generators spike on the grid into the neurons through explicit synapses with a delay of one step, so a spike at
/// step k of a generator is the input of step k, weighted by its Float32-stored weight; sample k is the state after
/// step k, and a spike stamped t ms was emitted in step t/dt − 1.
enum DeepSNN {
    /// One neuron's step in the library's own order: state in the model's order (V_m, then I_syn), input I[t];
    /// returns the spike.
    typealias Step = (inout [Double], Double) -> Bool

    /// snnTorch's `if not self.reset_delay:` block of `forward`: `do_reset = spk / graded_spikes_factor − reset`.
    static func resetNow(_ mem: inout Double, spike: Bool, reset: Double, threshold: Double, _ mechanism: SnnTorchLeaky.ResetMechanism) {
        let doReset = (spike ? 1.0 : 0.0) / 1 - reset
        switch mechanism {
        case .subtract: mem = mem - doReset * threshold
        case .zero: mem = mem - doReset * mem
        case .none: break
        }
    }

    /// snnTorch `Leaky.forward`: `reset = mem_reset(mem)`, the state function, `spk = fire(mem)`, and without
    /// `reset_delay` the immediate reset.
    static func leaky(beta: Double, threshold: Double, _ mechanism: SnnTorchLeaky.ResetMechanism, resetDelay: Bool = true) -> Step {
        { s, x in
            let reset: Double = s[0] - threshold > 0 ? 1 : 0
            switch mechanism {
            case .subtract: s[0] = (beta * s[0] + x) - reset * threshold
            case .zero:
                s[0] = (1 - reset) * s[0]
                s[0] = beta * s[0] + x
            case .none: s[0] = beta * s[0] + x
            }
            let spike = s[0] - threshold > 0
            if !resetDelay { resetNow(&s[0], spike: spike, reset: reset, threshold: threshold, mechanism) }
            return spike
        }
    }

    /// snnTorch `Synaptic.forward` (`_base_zero` subtracts `0 * reset` from syn).
    static func synaptic(alpha: Double, beta: Double, threshold: Double, _ mechanism: SnnTorchLeaky.ResetMechanism,
                         resetDelay: Bool = true) -> Step {
        { s, x in
            let reset: Double = s[0] - threshold > 0 ? 1 : 0
            let syn = alpha * s[1] + x
            var mem = beta * s[0] + syn
            switch mechanism {
            case .subtract: mem = mem - reset * threshold
            case .zero: mem -= (beta * s[0] + syn) * reset
            case .none: break
            }
            let spike = mem - threshold > 0
            if !resetDelay { resetNow(&mem, spike: spike, reset: reset, threshold: threshold, mechanism) }
            s[0] = mem
            s[1] = syn
            return spike
        }
    }

    /// SpikingJelly `lif_step`: `lif_charge` (v_reset None charges towards 0), spike, `voltage_reset`.
    static func spikingJelly(tau: Double, decayInput: Bool, threshold: Double, reset: Double?) -> Step {
        { s, x in
            let vr = reset ?? 0
            let h = decayInput ? s[0] + (x - (s[0] - vr)) / tau : s[0] - (s[0] - vr) / tau + x
            let spike: Double = h - threshold >= 0 ? 1 : 0
            s[0] = reset == nil ? h - spike * threshold : spike * vr + (1 - spike) * h
            return spike == 1
        }
    }

    /// Lava `PyLifModelFloat.run_spk`: `subthr_dynamics`, `spiking_activation`, `reset_voltage`.
    static func lava(du: Double, dv: Double, vth: Double, bias: Double) -> Step {
        { s, x in
            s[1] = s[1] * (1 - du)
            s[1] += x
            s[0] = s[0] * (1 - dv) + s[1] + bias
            let spike = s[0] > vth
            if spike { s[0] = 0 }
            return spike
        }
    }

    /// The input of each step to each of `size` neurons: the Float32 weights of the generator spikes arriving then.
    static func inputs(times: [[Double]], sources: [Int], targets: [Int], weights: [Double], size: Int, steps: Int) -> [[Double]] {
        var input = [[Double]](repeating: [Double](repeating: 0, count: size), count: steps)
        for (k, s) in sources.enumerated() {
            for t in times[s] where Int(t) < steps { input[Int(t)][targets[k]] += Double(Float(weights[k])) }
        }
        return input
    }

    /// Runs `step` over `inputs` from `initial`: the trace of every state variable and each neuron's spike steps.
    static func reference(_ step: Step, inputs: [[Double]], initial: [Double]) -> (trace: [[[Double]]], spikes: [[Int]]) {
        let size = inputs[0].count
        var state = [[Double]](repeating: initial, count: size)
        var trace: [[[Double]]] = [], spikes = [[Int]](repeating: [], count: size)
        for (k, input) in inputs.enumerated() {
            for i in 0..<size where step(&state[i], input[i]) { spikes[i].append(k) }
            trace.append(state)
        }
        return (trace, spikes)
    }

    /// `size` neurons of the model set by `parameters`, driven by generators as described above, at step `dtMs`.
    static func spec<P: ModelParameters>(_ parameters: P, size: Int, times: [[Double]], sources: [Int], targets: [Int],
                                         weights: [Double], steps: Int, dtMs: Double = 1, variables: [String] = ["V_m"],
                                         engine: EngineKind? = nil) -> NetworkSpec {
        NetworkSpec(simulation: SimulationSpec(durationMs: Double(steps) * dtMs, dtMs: dtMs, engine: engine),
                    populations: [PopulationSpec(name: "in", size: times.count, model: "spike_generator",
                                                 params: ["spike_times": .lists(times.map { $0.map { $0 * dtMs } })]),
                                  PopulationSpec(name: "n", size: size, parameters)],
                    projections: [ProjectionSpec(source: "in", target: "n", connectivity: .explicit(sources: sources, targets: targets),
                                                 weight: .array(weights), delayMs: .constant(dtMs))],
                    recorders: [.spikes("spikes", of: "n"), .state("v", of: "n", variables: variables, intervalMs: dtMs)])
    }

    /// The simulated trace (`trace[k][i][v]`) and spike steps of `spec`.
    static func simulate(_ spec: NetworkSpec, size: Int, variables: [String] = ["V_m"]) throws -> (trace: [[[Double]]], spikes: [[Int]]) {
        var sim = try Simulation(spec: spec)
        try sim.run()
        let samples = try variables.map { try sim.samples("v", variable: $0).values }
        let trace = samples[0].indices.map { k in (0..<size).map { i in samples.map { $0[k][i] } } }
        let train = try sim.spikes("spikes")
        var spikes = [[Int]](repeating: [], count: size)
        for (t, id) in zip(train.timesMs, train.ids) { spikes[Int(id)].append(Int((t / (spec.simulation.dtMs ?? 1)).rounded()) - 1) }
        return (trace, spikes)
    }

    /// A train of 60 steps into 3 neurons from 4 generators, excitatory and inhibitory, that crosses threshold often.
    static let times: [[Double]] = [[1, 2, 3, 5, 8, 9, 10, 20, 21, 22, 23, 24, 40, 41],
                                    [2, 3, 4, 12, 13, 14, 15, 30, 31, 32, 50],
                                    [6, 7, 16, 17, 25, 33, 34, 35, 51, 52, 53],
                                    [4, 11, 26, 27, 36, 45, 46, 47, 48, 49]]
    static let sources = [0, 1, 2, 3, 0, 1, 2, 3, 0, 2]
    static let targets = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2]
    static let weights = [0.55, 0.4, -0.3, 0.7, 0.9, 0.35, 0.6, -0.45, 0.3, 1.2]

    /// Simulates the fixed train and compares trace and spikes with `step`'s, to 1e-12 (sums of several weights may
    /// be added in another order).
    static func expectMatches<P: ModelParameters>(_ parameters: P, _ step: Step, initial: [Double], variables: [String] = ["V_m"],
                                                  dtMs: Double = 1) throws {
        let steps = 60
        let expected = reference(step, inputs: inputs(times: times, sources: sources, targets: targets, weights: weights,
                                                      size: 3, steps: steps), initial: initial)
        let got = try simulate(spec(parameters, size: 3, times: times, sources: sources, targets: targets, weights: weights,
                                    steps: steps, dtMs: dtMs, variables: variables), size: 3, variables: variables)
        #expect(got.spikes == expected.spikes)
        #expect(expected.spikes.allSatisfy { $0.count >= 3 }, "the train should make every neuron spike")
        #expect(got.trace.count == steps)
        for k in 0..<min(steps, got.trace.count) {
            for i in 0..<3 {
                for v in variables.indices {
                    #expect(abs(got.trace[k][i][v] - expected.trace[k][i][v]) <= 1e-12, "step \(k) neuron \(i) \(variables[v])")
                }
            }
        }
    }

    /// One neuron fed `weights[k]` at step k + 1 (one generator per step): the traces of `variables`, step 0 first.
    static func single<P: ModelParameters>(_ parameters: P, inputs: [Double], variables: [String] = ["V_m"]) throws -> (trace: [[Double]], spikes: [Int]) {
        let times = inputs.indices.map { [Double($0 + 1)] }
        let got = try simulate(spec(parameters, size: 1, times: times, sources: Array(inputs.indices), targets: inputs.map { _ in 0 },
                                    weights: inputs, steps: inputs.count + 3, variables: variables), size: 1, variables: variables)
        return (got.trace.map { $0[0] }, got.spikes[0])
    }
}

@Suite struct SnnTorchLeakyTests {
    /// β = 0.5, θ = 1, inputs 0.75, 0.75, 0, 0, 0.25 in steps 1–5 (exact in binary): U = 0.75, 1.125 (> θ, a spike),
    /// then subtract: 0.5625 − 1, its half, its half + 0.25; zero: U cleared before the decay, so 0, 0, 0.25;
    /// none: 0.5625, 0.28125, 0.390625.
    @Test(arguments: [(SnnTorchLeaky.ResetMechanism.subtract, [-0.4375, -0.21875, 0.140625]),
                      (.zero, [0, 0, 0.25]), (.none, [0.5625, 0.28125, 0.390625])])
    func handComputedSteps(mechanism: SnnTorchLeaky.ResetMechanism, after: [Double]) throws {
        let (trace, spikes) = try DeepSNN.single(SnnTorchLeaky.Parameters(beta: 0.5, threshold: 1, resetMechanism: mechanism),
                                                 inputs: [0.75, 0.75, 0, 0, 0.25])
        #expect(trace[0...5].map { $0[0] } == [0, 0.75, 1.125] + after)
        #expect(spikes == [2])
    }

    @Test(arguments: SnnTorchLeaky.ResetMechanism.allCases, [true, false])
    func fixedTrainFollowsSnnTorchsRecurrence(mechanism: SnnTorchLeaky.ResetMechanism, resetDelay: Bool) throws {
        try DeepSNN.expectMatches(SnnTorchLeaky.Parameters(beta: 0.8, threshold: 1, resetMechanism: mechanism, resetDelay: resetDelay),
                                  DeepSNN.leaky(beta: 0.8, threshold: 1, mechanism, resetDelay: resetDelay), initial: [0])
    }

    /// Without reset_delay the spike of step 2 (U = 1.125, β = 0.5, inputs as above) resets at once: U = 0.125
    /// (subtract) or 0 (zero); then R = 0, so U decays from there.
    @Test(arguments: [(SnnTorchLeaky.ResetMechanism.subtract, [0.125, 0.0625, 0.03125]), (.zero, [0, 0, 0])])
    func withoutResetDelayASpikeResetsAtOnce(mechanism: SnnTorchLeaky.ResetMechanism, after: [Double]) throws {
        let (trace, spikes) = try DeepSNN.single(SnnTorchLeaky.Parameters(beta: 0.5, threshold: 1, resetMechanism: mechanism, resetDelay: false),
                                                 inputs: [0.75, 0.75, 0])
        #expect(trace[0...4].map { $0[0] } == [0, 0.75] + after)
        #expect(spikes == [2])
    }

    /// β and θ are per step: at dt = 0.25 ms the same train (times and delay scaled) gives the same steps.
    @Test func aStepIsOneSnnTorchStepWhateverDt() throws {
        try DeepSNN.expectMatches(SnnTorchLeaky.Parameters(beta: 0.8), DeepSNN.leaky(beta: 0.8, threshold: 1, .subtract),
                                  initial: [0], dtMs: 0.25)
    }

    /// A generator current is part of I[t]: with a constant I = 0.25 per step from step 1 on (the projection's delay
    /// of one step) and no reset in sight (θ = 10), U = I(1 − βⁿ)/(1 − β) after n steps of input.
    @Test func generatorCurrentIsInput() throws {
        let spec = NetworkSpec(simulation: SimulationSpec(durationMs: 20, dtMs: 1),
                               populations: [PopulationSpec(name: "dc", size: 1, model: "dc_generator", params: ["amplitude": 0.25]),
                                             PopulationSpec(name: "n", size: 1, SnnTorchLeaky.Parameters(beta: 0.5, threshold: 10))],
                               projections: [ProjectionSpec(source: "dc", target: "n", connectivity: .allToAll, weight: .constant(1), delayMs: .constant(1))],
                               recorders: [.state("v", of: "n", variables: ["V_m"], intervalMs: 1)])
        var sim = try Simulation(spec: spec)
        try sim.run()
        let v = try sim.samples("v", variable: "V_m").values.map { $0[0] }
        for (k, u) in v.enumerated() { #expect(abs(u - 0.25 * (1 - pow(0.5, Double(k))) / 0.5) < 1e-12, "step \(k)") }
    }
}

@Suite struct SnnTorchSynapticTests {
    /// α = β = 0.5, θ = 1, inputs 0.75, 0.75 in steps 1–2: I_syn 0.75, 1.125, 0.5625, 0.28125 (never reset); U 0.75,
    /// 1.5 (a spike), then from βU + I_syn = 1.3125: subtract 0.3125 and 0.15625 + 0.28125; zero 0 (the new membrane is
    /// cleared, unlike Leaky) and 0.28125; none 1.3125 (spikes again) and 0.9375.
    @Test(arguments: [(SnnTorchLeaky.ResetMechanism.subtract, [0.3125, 0.4375], [2]),
                      (.zero, [0, 0.28125], [2]), (.none, [1.3125, 0.9375], [2, 3])])
    func handComputedSteps(mechanism: SnnTorchLeaky.ResetMechanism, after: [Double], spikeSteps: [Int]) throws {
        let (trace, spikes) = try DeepSNN.single(SnnTorchSynaptic.Parameters(alpha: 0.5, beta: 0.5, threshold: 1, resetMechanism: mechanism),
                                                 inputs: [0.75, 0.75], variables: ["V_m", "I_syn"])
        #expect(trace[0...4].map { $0[1] } == [0, 0.75, 1.125, 0.5625, 0.28125])
        #expect(trace[0...4].map { $0[0] } == [0, 0.75, 1.5] + after)
        #expect(spikes == spikeSteps)
    }

    @Test(arguments: SnnTorchLeaky.ResetMechanism.allCases, [true, false])
    func fixedTrainFollowsSnnTorchsRecurrence(mechanism: SnnTorchLeaky.ResetMechanism, resetDelay: Bool) throws {
        try DeepSNN.expectMatches(SnnTorchSynaptic.Parameters(alpha: 0.6, beta: 0.85, threshold: 1, resetMechanism: mechanism, resetDelay: resetDelay),
                                  DeepSNN.synaptic(alpha: 0.6, beta: 0.85, threshold: 1, mechanism, resetDelay: resetDelay), initial: [0, 0],
                                  variables: ["V_m", "I_syn"])
    }
}

@Suite struct SpikingJellyLIFTests {
    /// τ = 2, V_th = 1, inputs 1.5, 1.5 in steps 1–2. decay_input: H = 0.75, then 0.75 + (1.5 − 0.75)/2 = 1.125 ≥ 1,
    /// a spike: hard reset 0, then 0; soft 0.125, then 0.0625. Without decay_input H = 1.5 at once (a spike): hard 0,
    /// 1.5 → 0, 0; soft 0.5, 0.5 − 0.25 + 1.5 = 1.75 → 0.75, then 0.375.
    @Test(arguments: [(true, SpikingJellyLIF.ResetMode.hard, [0.75, 0, 0], [2]), (true, .soft, [0.75, 0.125, 0.0625], [2]),
                      (false, .hard, [0, 0, 0], [1, 2]), (false, .soft, [0.5, 0.75, 0.375], [1, 2])])
    func handComputedSteps(decayInput: Bool, mode: SpikingJellyLIF.ResetMode, after: [Double], spikeSteps: [Int]) throws {
        let (trace, spikes) = try DeepSNN.single(SpikingJellyLIF.Parameters(tau: 2, decayInput: decayInput, threshold: 1, resetMode: mode),
                                                 inputs: [1.5, 1.5])
        #expect(trace[0...3].map { $0[0] } == [0] + after)
        #expect(spikes == spikeSteps)
    }

    @Test(arguments: [(true, SpikingJellyLIF.ResetMode.hard), (true, .soft), (false, .hard), (false, .soft)])
    func fixedTrainFollowsSpikingJellysRecurrence(decayInput: Bool, mode: SpikingJellyLIF.ResetMode) throws {
        let reset = mode == .hard ? -0.2 : 0
        // Without decay_input the input is not divided by τ: a higher threshold keeps the neurons from firing every step.
        let threshold = decayInput ? 0.3 : 1.0
        try DeepSNN.expectMatches(SpikingJellyLIF.Parameters(tau: 2, decayInput: decayInput, threshold: threshold, reset: reset, resetMode: mode),
                                  DeepSNN.spikingJelly(tau: 2, decayInput: decayInput, threshold: threshold, reset: mode == .hard ? reset : nil),
                                  initial: [reset])
    }
}

@Suite struct LavaCubaLIFTests {
    /// du = dv = 0.5, vth = 1, a_in 0.75, 0.75 in steps 1–2: u = 0.75, 1.125, 0.5625; v = 0.75, 0.375 + 1.125 = 1.5 > 1
    /// (a spike, v ← 0), then 0 + 0.5625.
    @Test func handComputedSteps() throws {
        let (trace, spikes) = try DeepSNN.single(LavaCubaLIF.Parameters(currentDecay: 0.5, voltageDecay: 0.5, threshold: 1),
                                                 inputs: [0.75, 0.75], variables: ["V_m", "I_syn"])
        #expect(trace[0...3].map { $0[1] } == [0, 0.75, 1.125, 0.5625])
        #expect(trace[0...3].map { $0[0] } == [0, 0.75, 0, 0.5625])
        #expect(spikes == [2])
    }

    @Test func fixedTrainFollowsLavasRecurrence() throws {
        try DeepSNN.expectMatches(LavaCubaLIF.Parameters(currentDecay: 0.3, voltageDecay: 0.2, threshold: 1.5, bias: 0.05),
                                  DeepSNN.lava(du: 0.3, dv: 0.2, vth: 1.5, bias: 0.05), initial: [0, 0], variables: ["V_m", "I_syn"])
    }
}

/// A two-layer network with given weight matrices (explicit synapses, every pair) against the library's layer
/// recurrence: layer 1 takes W1·x[t]; layer 2 takes W2·S1 of the step before, since a spike reaches the next layer
/// after the one-step delay where the library feeds it in the same step.
@Suite struct DeepSNNNetworkTests {
    static let w1: [[Double]] = [[0.9, -0.3, 0.5, 0.2], [0.4, 0.8, -0.6, 0.7], [-0.2, 0.6, 0.9, 0.4]]
    static let w2: [[Double]] = [[0.7, 0.6, -0.5], [-0.4, 0.9, 0.8]]

    static func pairs(_ w: [[Double]]) -> (sources: [Int], targets: [Int], weights: [Double]) {
        var sources: [Int] = [], targets: [Int] = [], weights: [Double] = []
        for (o, row) in w.enumerated() {
            for (j, x) in row.enumerated() {
                sources.append(j)
                targets.append(o)
                weights.append(x)
            }
        }
        return (sources, targets, weights)
    }

    static func check<P: ModelParameters>(_ parameters: P, _ step: @escaping DeepSNN.Step, initial: [Double]) throws {
        let steps = 60
        let l1 = pairs(w1), l2 = pairs(w2)
        let spec = NetworkSpec(simulation: SimulationSpec(durationMs: Double(steps), dtMs: 1),
                               populations: [PopulationSpec(name: "in", size: 4, model: "spike_generator", params: ["spike_times": .lists(DeepSNN.times)]),
                                             PopulationSpec(name: "h", size: 3, parameters), PopulationSpec(name: "o", size: 2, parameters)],
                               projections: [ProjectionSpec(source: "in", target: "h", connectivity: .explicit(sources: l1.sources, targets: l1.targets),
                                                            weight: .array(l1.weights), delayMs: .constant(1)),
                                             ProjectionSpec(source: "h", target: "o", connectivity: .explicit(sources: l2.sources, targets: l2.targets),
                                                            weight: .array(l2.weights), delayMs: .constant(1))],
                               recorders: [.spikes("h", of: "h"), .spikes("o", of: "o")])
        var sim = try Simulation(spec: spec)
        try sim.run()
        func spikeSteps(_ name: String, size: Int) throws -> [[Int]] {
            let train = try sim.spikes(name)
            var s = [[Int]](repeating: [], count: size)
            for (t, id) in zip(train.timesMs, train.ids) { s[Int(id)].append(Int(t.rounded()) - 1) }
            return s
        }
        let input = DeepSNN.inputs(times: DeepSNN.times, sources: l1.sources, targets: l1.targets, weights: l1.weights, size: 3, steps: steps)
        var hidden = [[Double]](repeating: initial, count: 3), out = [[Double]](repeating: initial, count: 2)
        var spikesH = [[Int]](repeating: [], count: 3), spikesO = [[Int]](repeating: [], count: 2)
        var previous = [Bool](repeating: false, count: 3)
        for k in 0..<steps {
            let drive = w2.map { row in zip(row, previous).reduce(0.0) { $0 + ($1.1 ? Double(Float($1.0)) : 0) } }
            previous = (0..<3).map { step(&hidden[$0], input[k][$0]) }
            for i in 0..<3 where previous[i] { spikesH[i].append(k) }
            for o in 0..<2 where step(&out[o], drive[o]) { spikesO[o].append(k) }
        }
        #expect(try spikeSteps("h", size: 3) == spikesH)
        #expect(try spikeSteps("o", size: 2) == spikesO)
        #expect(spikesO.allSatisfy { $0.count >= 2 }, "the output layer should spike")
    }

    @Test func snnTorchLeakyNetwork() throws {
        try Self.check(SnnTorchLeaky.Parameters(beta: 0.8), DeepSNN.leaky(beta: 0.8, threshold: 1, .subtract), initial: [0])
    }

    @Test func snnTorchSynapticNetwork() throws {
        try Self.check(SnnTorchSynaptic.Parameters(alpha: 0.5, beta: 0.8, resetMechanism: .zero),
                       DeepSNN.synaptic(alpha: 0.5, beta: 0.8, threshold: 1, .zero), initial: [0, 0])
    }

    @Test func spikingJellyNetwork() throws {
        try Self.check(SpikingJellyLIF.Parameters(tau: 2, threshold: 0.4), DeepSNN.spikingJelly(tau: 2, decayInput: true, threshold: 0.4, reset: 0),
                       initial: [0])
    }

    @Test func lavaNetwork() throws {
        try Self.check(LavaCubaLIF.Parameters(currentDecay: 0.5, voltageDecay: 0.2, threshold: 1),
                       DeepSNN.lava(du: 0.5, dv: 0.2, vth: 1, bias: 0), initial: [0, 0])
    }
}

/// The discrete models have no event-driven form: the event engine refuses them as it does other clock-only models.
@Suite struct DeepSNNEngineTests {
    @Test(arguments: [SnnTorchLeaky.name, SnnTorchSynaptic.name, SpikingJellyLIF.name, LavaCubaLIF.name])
    func eventEngineRefusesThem(model: String) throws {
        var spec = DeepSNN.spec(SnnTorchLeaky.Parameters(), size: 1, times: [[1]], sources: [0], targets: [0], weights: [1], steps: 5,
                                engine: .event)
        spec.populations[1].model = model
        spec.populations[1].params = [:]
        #expect {
            _ = try Simulation(spec: spec)
        } throws: { error in
            "\(error)".contains("\(model) has no exact event-driven solution; use \"engine\": \"clock\"")
        }
    }
}
