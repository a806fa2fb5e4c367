import Foundation
import SwiftSNN
import Testing

/// A neuron model written outside the library: a perfect (non-leaky) integrator, V += input each step, spiking
/// and resetting to 0 at V ≥ V_th.
struct PerfectIntegrator: NeuronModel {
    static let name = "perfect_integrator"
    static let summary = "non-leaky integrate-and-fire (test model)"
    static let parameters = [ParameterSpec("V_th", unit: "mV", default: 1, .positive, "Spike threshold")]
    static let stateVariables = [StateVariableSpec("V_m", unit: "mV", "Membrane potential")]
    static let ports = InputPorts(planes: 1, excitatory: 0, inhibitory: 0, current: 0)

    var thresholdMV: Double

    init(_ parameters: ParameterValues, dtMs: Double) throws { thresholdMV = parameters["V_th"] }

    func defaultInitialValue(of variable: Int) -> Double { 0 }

    func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        let v = state, arriving = input.livePlane(0, count: count)
        var n = 0
        for i in range {
            if let arriving {
                v[i] += arriving[i]
                arriving[i] = 0
            }
            if v[i] >= thresholdMV {
                v[i] = 0
                fired[n] = Int32(i)
                n += 1
            }
        }
        return n
    }
}

/// A plasticity rule written outside the library: every presynaptic arrival adds `step` to the weight.
struct ArrivalCounterRule: PlasticityRule {
    static let name = "arrival_counter"
    static let summary = "adds a fixed step per presynaptic arrival (test rule)"
    static let parameters = [ParameterSpec("step", unit: "w", default: 0.25, "Weight added per arrival")]

    var step: Double
    var nearestSpike: Bool
    var preTraceTausMs: Traces { Traces(1, 1) }
    var postTraceTausMs: Traces { Traces(1, 1) }
    var weightBounds: ClosedRange<Double> { 0...1000 }

    init(_ p: ParameterValues, options: PlasticityOptions) throws {
        step = p["step"]
        nearestSpike = options.nearestSpike
    }

    func onPresynapticArrival(_ synapse: inout SynapseState, pre: Traces, post: Traces) { synapse.weight += step }
    func onPostsynapticSpike(_ synapse: inout SynapseState, pre: Traces, post: Traces) {}
}

/// An input written outside the library: every neuron fires once every `period_ms`, in the steps ending at
/// k·period.
struct ClockInput: Population, InputModel {
    static let name = "clock_input"
    static let summary = "fires every period_ms (test input)"
    static let parameters = [ParameterSpec("period_ms", unit: "ms", default: 1, .positive, "Time between spikes")]

    var name: String
    var count: Int
    var periodSteps: Int

    static func make(_ population: PopulationSpec, in context: InputContext) throws -> any Population {
        let p = try context.numericParameters(population.params, specs: parameters)
        return ClockInput(name: population.name, count: population.size, periodSteps: context.grid.steps(p["period_ms"]))
    }

    var ports: InputPorts? { nil }
    var variableNames: [String] { [] }
    func value(ofVariable variable: Int, neuron: Int) -> Double { 0 }
    mutating func makeStepper() -> any PopulationStepper { Stepper(periodSteps: periodSteps) }

    struct Stepper: PopulationStepper {
        let periodSteps: Int
        func step(_ step: Int, range: Range<Int>, input: StepInput?, spikes: inout [Int32]) {
            if (step + 1) % periodSteps == 0 { spikes.append(contentsOf: range.map(Int32.init)) }
        }
    }
}

/// A recorder written outside the library: spikes per neuron of one population over the run.
struct SpikeCounter: Recorder, RecorderType {
    static let name = "spike_counts"

    var name: String
    var population: Int
    var counts: [Double]

    static func make(name: String, params: [String: ParameterValue], network: Network, path: String) throws -> any Recorder {
        guard case .text(let populationName)? = params["population"],
              let p = network.populations.firstIndex(where: { $0.name == populationName }) else {
            throw ConfigError(path: "\(path).population", problem: "must name a population")
        }
        return SpikeCounter(name: name, population: p, counts: [Double](repeating: 0, count: network.populations[p].count))
    }

    func readsState(afterStep step: Int) -> Bool { false }

    mutating func observe(step: Int, spikes: [[Int32]], populations: [any Population]) {
        for i in spikes[population] { counts[Int(i)] += 1 }
    }

    func output(grid: TimeGrid) -> Data { NpyWriter.float64(counts, shape: [counts.count]) }
}

/// A modulator type written outside the library: the fraction of a population's neurons that fired in the last step.
struct SpikeFraction: ModulatorType, ModulatorDynamics {
    static let name = "spike_fraction"

    var population: Int
    var count: Int

    static func make(params: [String: ParameterValue], network: Network, path: String) throws -> any ModulatorDynamics {
        guard case .text(let populationName)? = params["population"],
              let p = network.populations.firstIndex(where: { $0.name == populationName }) else {
            throw ConfigError(path: "\(path).population", problem: "must name a population")
        }
        return SpikeFraction(population: p, count: network.populations[p].count)
    }

    var kindName: String { "spike fraction" }

    mutating func observe(spikes: [[Int32]], value: inout Double) {
        value = Double(spikes[population].count) / Double(count)
    }
}

@Suite struct ExtensionTests {
    static let json = """
        {"simulation": {"duration_ms": 30, "dt_ms": 0.1},
         "populations": [
           {"name": "in", "size": 1, "model": "spike_generator",
            "params": {"spike_times": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]}},
           {"name": "pif", "size": 1, "model": "perfect_integrator", "params": {"V_th": 1}}],
         "projections": [{"source": "in", "target": "pif", "connectivity": {"rule": "one_to_one"},
                          "synapse": {"weight": 0.3, "delay_ms": 1}}],
         "recorders": [{"name": "spikes", "type": "spikes", "population": "pif"}]}
        """

    /// 0.3 mV per input: the 4th, 8th, … input reaches 1.2 ≥ 1 mV; input k arrives at k + 1 ms and the spike
    /// is stamped at the end of that step.
    @Test func modelRegisteredFromOutsideIsUsedByNameFromJSON() throws {
        var models = ModelRegistry.builtIn
        models.register(PerfectIntegrator.self)
        var sim = try Simulation(spec: try NetworkSpec(json: Self.json), registry: models)
        try sim.run()
        let spikes = try sim.spikes("spikes")
        #expect(spikes.ids == [0, 0, 0, 0, 0])
        for (t, expected) in zip(spikes.timesMs, [5.0, 9, 13, 17, 21]) { #expect(abs(t - expected) < 1e-9) }
    }

    @Test func ruleRegisteredFromOutsideIsUsedByNameFromJSON() throws {
        var models = ModelRegistry.builtIn
        models.register(PerfectIntegrator.self)
        var rules = PlasticityRegistry.builtIn
        rules.register(ArrivalCounterRule.self, as: "arrival_counter")
        var spec = try NetworkSpec(json: Self.json)
        spec.projections[0].plasticity = PlasticitySpec(rule: "arrival_counter", params: ["step": 0.5])
        var sim = try Simulation(spec: spec, registry: models, plasticityRules: rules)
        try sim.run()
        // 20 arrivals, each adding 0.5 to the initial 0.3.
        #expect(try sim.synapses(ofProjection: 0).weights == [Float(0.3 + 20 * 0.5)])
    }

    /// Spikes every 2 ms of weight 0.3 into the perfect integrator: it fires at every 4th arrival, i.e. at
    /// 4·2 + 1 = 9, 17, 25 ms (1 ms delay).
    @Test func inputRegisteredFromOutsideIsUsedByNameFromJSON() throws {
        var models = ModelRegistry.builtIn
        models.register(PerfectIntegrator.self)
        models.register(input: ClockInput.self)
        var spec = try NetworkSpec(json: Self.json)
        spec.populations[0] = PopulationSpec(name: "in", size: 1, model: "clock_input", params: ["period_ms": 2])
        var sim = try Simulation(spec: spec, registry: models)
        try sim.run()
        let times = try sim.spikes("spikes").timesMs
        #expect(times.count == 3)
        for (t, expected) in zip(times, [9.0, 17, 25]) { #expect(abs(t - expected) < 1e-9) }
    }

    /// The perfect integrator fires 5 times (see above); the counter, named from JSON, counts them.
    @Test func recorderRegisteredFromOutsideIsUsedByNameFromJSON() throws {
        var models = ModelRegistry.builtIn
        models.register(PerfectIntegrator.self)
        var recorders = RecorderRegistry.builtIn
        recorders.register(SpikeCounter.self)
        var spec = try NetworkSpec(json: Self.json)
        spec.recorders.insert(RecorderSpec(name: "counts", kind: .custom(type: "spike_counts", params: ["population": .text("pif")])),
                              at: 0)
        #expect(spec.jsonText.contains(#""population": "pif""#))
        var sim = try Simulation(spec: spec, registry: models, recorders: recorders)
        try sim.run()
        #expect((try sim.recorder(named: "counts") as? SpikeCounter)?.counts == [5])
        #expect(try NetworkSpec(json: spec.jsonText) == spec)
        let unregistered = #expect(throws: ConfigError.self) { _ = try Simulation(spec: spec, registry: models) }
        #expect(unregistered?.description == "recorders[0].type: unknown recorder type 'spike_counts'; known: spikes, state, weights, delays, modulators")
    }

    /// The perfect integrator fires at 5, 9, 13, 17 and 21 ms (see above), i.e. in the steps ending then; the
    /// modulator, named from JSON, is 1 in the step after each of those and 0 otherwise.
    @Test func modulatorTypeRegisteredFromOutsideIsUsedByNameFromJSON() throws {
        var modelOnly = ModelRegistry.builtIn
        modelOnly.register(PerfectIntegrator.self)
        var models = modelOnly
        models.register(modulator: SpikeFraction.self)
        var spec = try NetworkSpec(json: Self.json)
        spec.modulators = [try NetworkSpec(json: #"{"simulation": {"duration_ms": 1}, "populations": [],"#
            + #""modulators": [{"name": "fired", "type": "spike_fraction", "population": "pif"}]}"#).modulators[0]]
        #expect(spec.modulators[0].kind == .custom(type: "spike_fraction", params: ["population": .text("pif")]))
        spec.recorders.append(RecorderSpec(name: "m", kind: .modulators(variables: nil, intervalMs: 0.1)))
        var sim = try Simulation(spec: spec, registry: models)
        try sim.run()
        let samples = try sim.samples("m", modulator: "fired")
        let ones = zip(samples.timesMs, samples.values).filter { $0.1 != 0 }
        #expect(ones.map(\.1) == [1, 1, 1, 1, 1])
        for (t, expected) in zip(ones.map(\.0), [5.1, 9.1, 13.1, 17.1, 21.1]) { #expect(abs(t - expected) < 1e-9) }
        #expect(try NetworkSpec(json: spec.jsonText) == spec)
        let unregistered = #expect(throws: ConfigError.self) { _ = try Simulation(spec: spec, registry: modelOnly) }
        #expect(unregistered?.description == "modulators[0].type: unknown modulator type 'spike_fraction'; known: volume_transmitter, schedule, external, astrocyte_integrator, population_mean")
    }
}

/// A generator written outside the library that feeds its targets directly (`GeneratorDrive`): a current of
/// `amplitude` pA over dc_generator's window (`start`, `stop`), or, with `every_steps` n, one spike in each step k
/// with (k + 1) % n == 0.
struct DirectInput: Population, InputModel {
    static let name = "direct_input"
    static let summary = "a current or spikes fed to the targets directly (test input)"

    struct Current: GeneratorDrive {
        let window: DCGenerator
        var kind: GeneratorDriveKind { .current }
        func output(ofSource s: Int, step: Int) -> Double { window.isActive(step: step) ? window.amplitudePA : 0 }
    }

    struct Spikes: GeneratorDrive {
        let everySteps: Int
        var kind: GeneratorDriveKind { .spikes }
        func output(ofSource s: Int, step: Int) -> Double { (step + 1) % everySteps == 0 ? 1 : 0 }
    }

    struct Stepper: PopulationStepper {
        func step(_ step: Int, range: Range<Int>, input: StepInput?, spikes: inout [Int32]) {}
    }

    var name: String
    var count: Int
    var output: any GeneratorDrive

    static func make(_ population: PopulationSpec, in context: InputContext) throws -> any Population {
        var params = population.params
        if case .number(let n)? = params.removeValue(forKey: "every_steps") {
            return DirectInput(name: population.name, count: population.size, output: Spikes(everySteps: Int(n)))
        }
        let window = DCGenerator(name: population.name, count: population.size,
                                 parameters: try context.numericParameters(params, specs: DCGenerator.parameters), grid: context.grid)
        return DirectInput(name: population.name, count: population.size, output: Current(window: window))
    }

    var ports: InputPorts? { nil }
    var emitsSpikes: Bool { false }
    var variableNames: [String] { [] }
    func value(ofVariable variable: Int, neuron: Int) -> Double { 0 }
    mutating func makeStepper() -> any PopulationStepper { Stepper() }
    func drive(grid: TimeGrid) -> GeneratorProjection.Drive? { .custom(output) }
}

/// A custom drive against the built-in generators it imitates, whose timing is checked against NEST 3.10
/// (`dc_generator`) and its spike-time convention (`spike_generator` with `spike_weights`): the membrane traces
/// of an `iaf_psc_exp` neuron must be the same to the bit.
@Suite struct GeneratorDriveTests {
    static func trace(input: PopulationSpec, engine: EngineKind = .clock) throws -> [Double] {
        var models = ModelRegistry.builtIn
        models.register(input: DirectInput.self)
        let spec = NetworkSpec(simulation: SimulationSpec(durationMs: 40, engine: engine),
                               populations: [input, PopulationSpec(name: "n", size: 2, model: "iaf_psc_exp", params: ["V_th": 1000])],
                               projections: [ProjectionSpec(source: "in", target: "n", connectivity: .allToAll,
                                                            weight: .constant(2.5), delayMs: 1.5)],
                               recorders: [.state("vm", of: "n", variables: ["V_m"], intervalMs: 0.1)])
        var sim = try Simulation(spec: spec, registry: models)
        try sim.run()
        return try sim.samples("vm", variable: "V_m").values.flatMap { $0 }
    }

    @Test func customCurrentDriveActsAsTheDCGeneratorItImitates() throws {
        let params: [String: ParameterValue] = ["amplitude": 120, "start": 5, "stop": 22.5]
        let custom = try Self.trace(input: PopulationSpec(name: "in", size: 1, model: "direct_input", params: params))
        let builtIn = try Self.trace(input: PopulationSpec(name: "in", size: 1, model: "dc_generator", params: params))
        #expect(custom.contains { $0 != custom[0] })
        #expect(custom == builtIn)
    }

    @Test func customSpikeDriveActsAsWeightedSpikesAtTheSameSteps() throws {
        let custom = try Self.trace(input: PopulationSpec(name: "in", size: 1, model: "direct_input", params: ["every_steps": 30]))
        let times = (1...13).map { Double($0) * 3 }
        let builtIn = try Self.trace(input: PopulationSpec(name: "in", size: 1, model: "spike_generator",
                                                           params: ["spike_times": .numbers(times),
                                                                    "spike_weights": .numbers(times.map { _ in 1 })]))
        #expect(custom.contains { $0 != custom[0] })
        #expect(custom == builtIn)
    }

    @Test func theEventEngineRefusesACustomDrive() throws {
        let input = PopulationSpec(name: "in", size: 1, model: "direct_input", params: ["every_steps": 30])
        let refusal = #expect(throws: ConfigError.self) { _ = try Self.trace(input: input, engine: .event) }
        #expect(refusal?.description == "populations[0].model: 'in' is an input defined per time step and has no event-driven form; use \"engine\": \"clock\"")
    }
}

/// A recorder written outside the library that takes the event engine's exact spike times: the latest spike time
/// of each neuron.
struct LastSpikeTimes: ExactSpikeObserving {
    var name: String
    var population: Int
    var latestMs: [Double]

    func readsState(afterStep step: Int) -> Bool { false }
    mutating func observe(step: Int, spikes: [[Int32]], populations: [any Population]) {}
    mutating func observe(exactSpikes spikeTimes: [Double], ids spikeIds: [Int32]) {
        for (t, i) in zip(spikeTimes, spikeIds) { latestMs[Int(i)] = t }
    }
    func output(grid: TimeGrid) -> Data { NpyWriter.float64(latestMs, shape: [latestMs.count]) }
}

@Suite struct ExactSpikeObservingTests {
    /// Inputs off the grid through a 1.25 ms delay, each kick (100 mV) above iaf_psc_delta's threshold (15 mV):
    /// the neuron fires at the arrival, t_input + 1.25 ms exactly.
    @Test func aRecorderFromOutsideGetsTheEventEnginesExactTimes() throws {
        let neuron = IafPscDelta.Parameters(tauMembraneMs: 10, restingMV: 0, thresholdMV: 15, resetMV: 0, refractoryMs: 2)
        let spec = NetworkSpec(simulation: SimulationSpec(durationMs: 20, engine: .event),
                               populations: [PopulationSpec(name: "in", size: 2, model: "spike_generator",
                                                            params: ["spike_times": .lists([[3.0137], [7.77, 12.345]])]),
                                             PopulationSpec(name: "n", size: 2, neuron)],
                               projections: [ProjectionSpec(source: "in", target: "n", connectivity: .oneToOne,
                                                            weight: .constant(100), delayMs: 1.25)])
        var sim = try Simulation(spec: spec)
        sim.recorders.append(LastSpikeTimes(name: "last", population: 1, latestMs: [0, 0]))
        try sim.run()
        let last = try #require(try sim.recorder(named: "last") as? LastSpikeTimes)
        #expect(last.latestMs == [3.0137 + 1.25, 12.345 + 1.25])
    }
}
