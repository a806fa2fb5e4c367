import Foundation

/// Lowers a `NetworkSpec` into a `Network` for the spec's engine: creates populations with their initial state,
/// reads the files the spec names, runs the connection rules and draws weights and delays (in steps for the clock
/// engine; the event engine also keeps them in ms). Every problem found here (unknown model or parameter, unknown
/// population, bad delay, out-of-range index, missing file) is a `ConfigError` naming its place in the spec as a
/// JSON path (`projections[2].synapse.delay_ms`).
public struct NetworkBuilder: Sendable {
    /// The neuron models, inputs and modulator types a spec may name.
    public var registry: ModelRegistry
    /// The plasticity rules a spec may name.
    public var plasticityRules: PlasticityRegistry
    /// The memory the network may take (`ResourceEstimate`), checked before anything is allocated.
    public var memoryLimit: MemoryLimit
    /// Whether the recordings will be streamed to files (`Simulation.run(streamingTo:)`), so that the estimate
    /// counts one piece of them.
    public var streamedRecordings = false

    /// A builder that knows the given models and rules, for networks within `memoryLimit` (by default the
    /// memory available now).
    public init(registry: ModelRegistry = .builtIn, plasticityRules: PlasticityRegistry = .builtIn,
                memoryLimit: MemoryLimit = .available()) {
        self.registry = registry
        self.plasticityRules = plasticityRules
        self.memoryLimit = memoryLimit
    }

    /// Checks and lowers `spec`; throws the first problem as a `ConfigError` naming its place, or
    /// `MemoryLimit.Exceeded` for a network estimated beyond `memoryLimit`.
    public func build(_ spec: NetworkSpec) throws -> Network {
        try spec.check()
        try ResourceEstimate(spec: spec, registry: registry, plasticityRules: plasticityRules,
                             streamedRecordings: streamedRecordings).require(within: memoryLimit)
        let lowering = Lowering(spec: spec)
        var network = Network(grid: lowering.grid, seed: lowering.seed)
        for (index, pop) in spec.populations.enumerated() {
            network.populations.append(try makePopulation(pop, index: index, lowering))
        }
        for (index, entry) in spec.modulators.enumerated() {
            network.modulators.append(try makeModulator(entry, index: index, network: network))
        }
        for (index, pop) in spec.populations.enumerated() where pop.params.values.contains(where: \.isBound) {
            try bindParameters(of: pop, index: index, in: &network)
        }
        let positions = try Self.positions(of: spec.layouts, in: network)
        network.positions = positions
        for (index, proj) in spec.projections.enumerated() {
            try addProjection(proj, index: index, to: &network, positions: positions, lowering)
        }
        return network
    }

    /// What every part of the lowering needs from the spec.
    private struct Lowering {
        let spec: NetworkSpec
        let grid: TimeGrid
        let seed: UInt64
        /// The event engine keeps times and delays as given, not rounded to the grid.
        let exactTimes: Bool

        init(spec: NetworkSpec) {
            self.spec = spec
            grid = spec.simulation.grid
            seed = spec.simulation.effectiveSeed
            exactTimes = spec.simulation.effectiveEngine == .event
        }
    }

    private func makeModulator(_ entry: ModulatorSpec, index: Int, network: Network) throws -> Modulator {
        let path = "modulators[\(index)]"
        /// A population whose spikes the modulator counts.
        func spikingPopulation(_ name: String, path: String) throws -> Int {
            let p = try network.populationIndex(named: name, path: path)
            guard network.populations[p].emitsSpikes else {
                throw ConfigError(path: path, problem: "'\(name)' feeds its targets directly and emits no spikes to count")
            }
            return p
        }
        switch entry.kind {
        case let .volumeTransmitter(name, tauMs, increment, baseline):
            let p = try spikingPopulation(name, path: "\(path).population")
            return Modulator(name: entry.name, dynamics: VolumeTransmitter(population: p, stepDecay: exp(-network.grid.dtMs / tauMs),
                                                                         increment: increment ?? 1, baseline: baseline ?? 0),
                             initial: entry.effectiveInitial)
        case let .schedule(timesMs, values):
            return Modulator(name: entry.name, dynamics: ScheduledModulator(steps: timesMs.map(network.grid.steps), values: values,
                                                                         initial: entry.effectiveInitial),
                             initial: entry.effectiveInitial)
        case .external:
            return Modulator(name: entry.name, dynamics: ExternalModulator(), initial: entry.effectiveInitial)
        case .astrocyteIntegrator(let astrocyte):
            let inputs = try astrocyte.inputs.enumerated().map { k, input in
                let p = try spikingPopulation(input.population, path: "\(path).inputs[\(k)].population")
                return AstrocyteIntegrator.Input(
                    population: p, weight: input.weight.lowered(grid: network.grid),
                    listened: astrocyte.density.map { density in
                        var rng = RandomStream(seed: network.seed, purpose: .modulatorInput, UInt64(index), UInt64(k))
                        return Self.randomSubset(of: network.populations[p].count, fraction: density, using: &rng)
                    })
            }
            return Modulator(name: entry.name,
                             dynamics: AstrocyteIntegrator(dtOverTau: network.grid.dtMs / astrocyte.tauMs, tauMs: astrocyte.tauMs,
                                                           bias: astrocyte.bias.lowered(grid: network.grid), inputs: inputs,
                                                           fade: SteppedSchedule(initial: 1, factor: astrocyte.fade?.factor ?? 1,
                                                                                 stepsPerUpdate: max(1, network.grid.steps(astrocyte.fade?.everyMs ?? 1)))),
                             initial: entry.effectiveInitial)
        case let .populationMean(name, variable):
            let p = try network.populationIndex(named: name, path: "\(path).population")
            let names = network.populations[p].variableNames
            guard let v = names.firstIndex(of: variable) else {
                throw ConfigError(path: "\(path).variable",
                                  problem: "unknown state variable of '\(name)'; known: \(names.isEmpty ? "none" : names.joined(separator: ", "))")
            }
            return Modulator(name: entry.name, dynamics: PopulationMean(population: p, variable: v),
                             initial: PopulationMean.mean(of: v, in: network.populations[p]))
        case let .custom(type, params):
            guard let modulatorType = registry.modulator(named: type) else {
                throw ConfigError(path: "\(path).type",
                                  problem: unknownName("modulator type", type, known: registry.modulatorNames))
            }
            return Modulator(name: entry.name, dynamics: try modulatorType.make(params: params, network: network, path: path),
                             initial: entry.effectiveInitial)
        }
    }

    /// Refuses negative weights onto models that take none (`InputPorts.acceptsNegativeWeights`).
    private static func requireWeightSigns(of table: SynapseTable, acceptedBy target: any Population, model: String,
                                           path: String) throws {
        if target.ports?.acceptsNegativeWeights == false, let k = table.weight.firstIndex(where: { $0 < 0 }) {
            throw ConfigError(path: path, problem: "\(model) takes only weights >= 0, got \(formatNumber(Double(table.weight[k]))) (synapse \(k))")
        }
    }

    /// The astrocyte synapses of projection `index` (`ThirdFactorSpec`): pre → astrocyte as a static projection,
    /// astrocyte → post as a signal projection. Their weights and delays draw from streams keyed apart from every
    /// spec projection's (`index` plus 2^40 or 2^41); the static part carries that key as its index, so that
    /// `Network.synapses(ofProjection:)` reaches the primary synapses.
    private func addThirdFactor(_ third: ThirdFactorSpec, of proj: ProjectionSpec, primary: ConnectionList, source s: Int,
                                target t: Int, index: Int, to network: inout Network, _ lowering: Lowering) throws {
        let path = "projections[\(index)].third_factor", base = lowering.spec.baseDirectory
        let a = try network.populationIndex(named: third.population, path: "\(path).population")
        let astrocytes = network.populations[a]
        guard astrocytes is any SignalPopulation else {
            throw ConfigError(path: "\(path).population",
                              problem: "'\(astrocytes.name)' (\(lowering.spec.populations[a].model)) is not an astrocyte population (\(AstrocyteLR1994.name))")
        }
        guard network.populations[s].emitsSpikes, network.populations[s].drive(grid: network.grid) == nil,
              proj.synapseType == nil else {
            throw ConfigError(path: path, problem: "a third factor joins spiking synapses; this projection's carry no spikes")
        }
        let p = third.probability ?? 1
        guard (0...1).contains(p) else { throw ConfigError(path: "\(path).p", problem: "must be in [0, 1], got \(formatNumber(p))") }
        let poolSize = third.poolSize ?? astrocytes.count, poolType = third.poolType ?? .random
        guard (1...astrocytes.count).contains(poolSize) else {
            throw ConfigError(path: "\(path).pool_size", problem: "must be in [1, \(astrocytes.count)] (the astrocytes), got \(poolSize)")
        }
        let posts = network.populations[t].count
        if poolType == .block && !(posts * poolSize == astrocytes.count || (poolSize == 1 && posts % astrocytes.count == 0)) {
            throw ConfigError(path: "\(path).pool_type",
                              problem: "block pools need \(posts) targets × pool_size \(poolSize) = \(astrocytes.count) astrocytes, or pool_size 1 and a target count that is a multiple of the astrocytes'; use random pools")
        }
        let connections = ThirdFactorConnections(primary: primary, targetCount: posts, astrocyteCount: astrocytes.count,
                                                 probability: p, poolSize: poolSize, poolType: poolType,
                                                 seed: network.seed, projectionIndex: index)
        func table(_ list: ConnectionList, _ synapse: ThirdFactorSpec.Synapse, sourceCount: Int, key: Int, name: String) throws -> SynapseTable {
            let delay = try (synapse.delayMs ?? .constant(ProjectionSpec.defaultDelayMs))
                .resolved(.positive, baseDirectory: base, path: "\(path).\(name).delay_ms")
            return try SynapseTable(connections: list, sourceCount: sourceCount,
                                    weight: try synapse.weight.resolved(baseDirectory: base, path: "\(path).\(name).weight"),
                                    delayMs: delay, dtMs: network.grid.dtMs, seed: network.seed, projectionIndex: key,
                                    path: "\(path).\(name)", exactDelays: lowering.exactTimes)
        }
        let thirdIn = try table(connections.thirdIn, third.thirdIn, sourceCount: network.populations[s].count,
                                key: index + 1 << 40, name: "third_in")
        try Self.requireWeightSigns(of: thirdIn, acceptedBy: astrocytes, model: lowering.spec.populations[a].model,
                                    path: "\(path).third_in.weight")
        let thirdOut = try table(connections.thirdOut, third.thirdOut, sourceCount: astrocytes.count,
                                 key: index + 1 << 41, name: "third_out")
        network.projections.append(StaticProjection(source: s, target: a, synapses: thirdIn, projectionIndex: index + 1 << 40))
        network.signalProjections.append(SignalProjection(source: a, target: t, synapses: thirdOut, projectionIndex: index))
    }

    /// ⌈fraction·n⌉ of n elements, drawn uniformly without replacement (the first draws of a Fisher–Yates shuffle).
    private static func randomSubset(of n: Int, fraction: Double, using rng: inout RandomStream) -> [Bool] {
        let k = min(n, Int((fraction * Double(n)).rounded(.up)))
        var order = Array(0..<n), chosen = [Bool](repeating: false, count: n)
        for i in 0..<k {
            order.swapAt(i, i + rng.nextInt(below: n - i))
            chosen[order[i]] = true
        }
        return chosen
    }

    private func makePopulation(_ pop: PopulationSpec, index: Int, _ lowering: Lowering) throws -> any Population {
        let path = "populations[\(index)]"
        let context = InputContext(grid: lowering.grid, seed: lowering.seed, streamKey: RandomStream.key(pop.name),
                                   baseDirectory: lowering.spec.baseDirectory, path: path, exactTimes: lowering.exactTimes)
        if let input = registry.input(named: pop.model) {
            // An input's parameters fix its drive (ring planes, Poisson means) for the run.
            if let key = pop.params.keys.sorted().first(where: { pop.params[$0]!.isBound }) {
                throw ConfigError(path: "\(path).params.\(key)", problem: "\(pop.model) is an input; its parameters cannot follow a modulator or schedule")
            }
            if let first = pop.initial.keys.sorted().first {
                throw ConfigError(path: "\(path).initial.\(first)", problem: "\(pop.model) has no state variables to initialise")
            }
            return try input.make(pop, in: context)
        }
        guard let model = registry.model(named: pop.model) else {
            throw ConfigError(path: "\(path).model",
                              problem: unknownName("model", pop.model, known: registry.allNames))
        }
        // Bound parameters start at their schedule's initial value or the model's default; `bindParameters` gives
        // them their first values once the modulators exist.
        var given = pop.params.filter { !$0.value.isBound }
        var perNeuron: [String: ValueSpec] = [:]
        for (key, value) in pop.params {
            switch value {
            case .bound(.schedule(let initial, _, _)): given[key] = .number(initial)
            case .values(let spec):
                guard model.perNeuronParameters.contains(key) else {
                    let keys = model.perNeuronParameters
                    throw ConfigError(path: "\(path).params.\(key)",
                                      problem: "\(model.name) takes one value of \(key) for the whole population (a number or a binding); per neuron: \(keys.isEmpty ? "none" : keys.joined(separator: ", "))")
                }
                given[key] = nil
                perNeuron[key] = spec
            default: break
            }
        }
        return try makeGroup(model, pop, parameters: try context.numericParameters(given, specs: model.parameters),
                             perNeuron: perNeuron, index: index, lowering)
    }

    /// Resolves the parameters of population `index` that follow a modulator or a schedule and sets their values for
    /// the first step.
    private func bindParameters(of pop: PopulationSpec, index: Int, in network: inout Network) throws {
        let path = "populations[\(index)].params"
        // Found by `makePopulation`, which refused bound parameters of inputs.
        guard let model = registry.model(named: pop.model) else { return }
        // Values per neuron are in the state already (`makeGroup`).
        let params = pop.params.filter { if case .values = $0.value { false } else { true } }
        let (values, bindings) = try boundParameters(params, path: path, specs: model.parameters, network: network) { key, values, bindingPath in
            do {
                try network.populations[index].setParameter(key, to: values[key], grid: network.grid)
            } catch let error as ConfigError {
                throw ConfigError(path: bindingPath, problem: error.problem)
            }
        }
        network.parameterBindings.append(PopulationBindings(population: index, bindings: bindings,
                                                            initial: bindings.map { values[$0.key] }))
    }

    /// The population's neurons: per-neuron parameters (`perNeuron`, the model's `perNeuronParameters` given
    /// per neuron) and initial values set in their state columns, every value checked.
    private func makeGroup<M: NeuronModel>(_: M.Type, _ pop: PopulationSpec, parameters: ParameterValues,
                                           perNeuron: [String: ValueSpec], index: Int,
                                           _ lowering: Lowering) throws -> any Population {
        var group = NeuronGroup(name: pop.name, model: try M(parameters, dtMs: lowering.grid.dtMs), count: pop.size,
                                parameters: parameters)
        func initialize(_ v: Int, with spec: ValueSpec, _ constraint: ParameterSpec.Constraint, path: String) throws {
            let spec = try spec.resolved(constraint, baseDirectory: lowering.spec.baseDirectory, path: path, perNeuron: true)
            try spec.requireCount(pop.size, path: path, of: "neuron")
            group.initialize(variable: v, with: spec, seed: lowering.seed)
            guard case .expression = spec else { return }
            for i in 0..<pop.size {
                if let problem = constraint.violation(group.value(ofVariable: v, neuron: i)) {
                    throw ConfigError(path: path, problem: "neuron \(i) (r = \(formatNumber(group.neuronRandom(i, seed: lowering.seed)))): \(problem)")
                }
            }
        }
        for key in perNeuron.keys.sorted() {
            // Found by `makePopulation` among the model's per-neuron parameters, each a parameter and a variable.
            let spec = M.parameters.first { $0.key == key }!
            try initialize(NeuronGroup<M>.perNeuronVariable(key)!, with: perNeuron[key]!, spec.constraint,
                           path: "populations[\(index)].params.\(key)")
        }
        for variable in pop.initial.keys.sorted() {
            let path = "populations[\(index)].initial.\(variable)"
            guard let v = M.stateVariables.firstIndex(where: { $0.name == variable }) else {
                throw ConfigError(path: path, problem: "unknown state variable for \(M.name); known: \(M.stateVariables.map(\.name).joined(separator: ", "))")
            }
            guard !M.perNeuronParameters.contains(variable) else {
                throw ConfigError(path: path, problem: "\(variable) is a parameter of \(M.name); give it (per neuron if need be) in params")
            }
            try initialize(v, with: pop.initial[variable]!, .any, path: path)
        }
        return group
    }

    /// The grid point of every neuron of the populations the layouts place (nil for the others).
    private static func positions(of layouts: [LayoutSpec], in network: Network) throws -> [[SIMD3<Double>]?] {
        var positions = [[SIMD3<Double>]?](repeating: nil, count: network.populations.count)
        for (l, layout) in layouts.enumerated() {
            let path = "layouts[\(l)]"
            guard (1...3).contains(layout.grid.count) else {
                throw ConfigError(path: "\(path).grid", problem: "must have one to three axes, got \(layout.grid.count)")
            }
            let members = try layout.populations.enumerated().map { k, name in
                let p = try network.populationIndex(named: name, path: "\(path).populations[\(k)]")
                guard positions[p] == nil else {
                    throw ConfigError(path: "\(path).populations[\(k)]", problem: "'\(name)' is already placed by another layout")
                }
                positions[p] = []
                return p
            }
            // In doubles: the axes of a wrong grid may multiply beyond any integer.
            let axesProduct = layout.grid.reduce(1.0) { $0 * Double($1) }, neurons = members.reduce(0) { $0 + network.populations[$1].count }
            guard axesProduct == Double(neurons) else {
                throw ConfigError(path: "\(path).grid", problem: "has \(formatNumber(axesProduct)) points for \(neurons) neurons; each point takes one neuron")
            }
            let points = neurons
            var order = Array(0..<points)
            if layout.assignment ?? .random == .random {
                var rng = RandomStream(seed: network.seed, purpose: .layout, UInt64(l))
                for i in stride(from: points - 1, to: 0, by: -1) { order.swapAt(i, rng.nextInt(below: i + 1)) }
            }
            let axes = layout.grid + [Int](repeating: 1, count: 3 - layout.grid.count)
            var next = 0
            for p in members {
                positions[p] = (0..<network.populations[p].count).map { _ in
                    let point = order[next]
                    next += 1
                    return SIMD3(Double(point % axes[0]), Double(point / axes[0] % axes[1]), Double(point / (axes[0] * axes[1])))
                }
            }
        }
        return positions
    }

    private func addProjection(_ proj: ProjectionSpec, index: Int, to network: inout Network, positions: [[SIMD3<Double>]?],
                               _ lowering: Lowering) throws {
        let path = "projections[\(index)]", base = lowering.spec.baseDirectory
        let s = try network.populationIndex(named: proj.source, path: "\(path).source")
        let t = try network.populationIndex(named: proj.target, path: "\(path).target")
        let source = network.populations[s], target = network.populations[t]
        guard target.ports != nil else {
            throw ConfigError(path: "\(path).target", problem: "'\(target.name)' is an input (\(lowering.spec.populations[t].model)) and cannot receive synapses")
        }
        let connectivityPath = "\(path).connectivity"
        let connections = try ConnectionGenerator(connectivity: proj.connectivity.resolved(baseDirectory: base, path: connectivityPath),
                                                  sourceCount: source.count, targetCount: target.count,
                                                  samePopulation: s == t, seed: network.seed, projectionIndex: index,
                                                  threads: lowering.spec.simulation.effectiveThreads,
                                                  path: connectivityPath, sourcePositions: positions[s],
                                                  targetPositions: positions[t]).generate()
        let weight = try proj.weight.resolved(baseDirectory: base, path: "\(path).synapse.weight")
        let delay = try (proj.delayMs ?? .constant(ProjectionSpec.defaultDelayMs))
            .resolved(.positive, baseDirectory: base, path: "\(path).synapse.delay_ms")
        let plastic = proj.plasticity != nil || proj.delayPlasticity != nil
        // Delays that change during the run are per synapse and real-valued (the clock engine rounds them).
        let changesDelays = proj.delayPlasticity != nil || plastic && proj.maxDelayMs != nil
        let table = try SynapseTable(connections: connections, sourceCount: source.count, weight: weight,
                                     delayMs: delay, dtMs: network.grid.dtMs, seed: network.seed,
                                     projectionIndex: index, path: path, keepCreationIndex: plastic,
                                     exactDelays: lowering.exactTimes, keepDelayMs: changesDelays, maxDelayMs: proj.maxDelayMs)
        // The event engine gives a plastic projection with several delays a channel per synapse, as for changing ones.
        let learnsDelays = changesDelays || plastic && lowering.exactTimes && !table.delaySteps.isEmpty
        try Self.requireWeightSigns(of: table, acceptedBy: target, model: lowering.spec.populations[t].model,
                                    path: "\(path).synapse.weight")
        if target.ports?.acceptsNegativeWeights == false, (source as? SpikeGenerator)?.hasNegativeFactor == true {
            throw ConfigError(path: "\(path).source", problem: "\(lowering.spec.populations[t].model) takes only weights >= 0; '\(source.name)' has negative spike_weights")
        }
        if let third = proj.thirdFactor {
            try addThirdFactor(third, of: proj, primary: connections, source: s, target: t, index: index, to: &network, lowering)
        }
        if proj.synapseType == .sic {
            guard source is any SignalPopulation else {
                throw ConfigError(path: "\(path).synapse.type",
                                  problem: "sic synapses carry an astrocyte's slow inward current; '\(source.name)' (\(lowering.spec.populations[s].model)) sends none (use \(AstrocyteLR1994.name))")
            }
            if plastic {
                throw ConfigError(path: "\(path).\(proj.plasticity != nil ? "plasticity" : "delay_plasticity")",
                                  problem: "sic synapses carry a current, not spikes, and cannot be plastic")
            }
            network.signalProjections.append(SignalProjection(source: s, target: t, synapses: table, projectionIndex: index))
            return
        }
        if let fraction = proj.dendriticFraction, fraction > 0 {
            let fractionPath = "\(path).dendritic_fraction"
            guard let rule = proj.plasticity?.rule, plasticityRules.matrixRule(named: rule) == nil else {
                throw ConfigError(path: fractionPath, problem: "sets the timing of a pair-based weight rule; the projection has none")
            }
            guard !learnsDelays, table.delaySteps.isEmpty else {
                throw ConfigError(path: fractionPath, problem: "needs one fixed delay for all the projection's synapses (no per-synapse, changing or learned delays)")
            }
        }
        if plastic {
            let plasticityPath = "\(path).\(proj.plasticity != nil ? "plasticity" : "delay_plasticity")"
            guard source.emitsSpikes else {
                throw ConfigError(path: plasticityPath, problem: "'\(source.name)' feeds its targets directly and has no spikes for plasticity to pair")
            }
            guard source.drive(grid: network.grid) == nil else {
                throw ConfigError(path: plasticityPath, problem: "'\(source.name)' has spike_weights, which only static synapses carry")
            }
            var projection: any PlasticSynapses
            if let plasticity = proj.plasticity {
                projection = try makePlastic(plasticity, path: plasticityPath, source: s, target: t, targetCount: target.count,
                                             projectionIndex: index, table: table, perSynapse: learnsDelays, network: network)
            } else {
                projection = try makePlastic(FixedWeights.self, PlasticitySpec(rule: FixedWeights.name), path: plasticityPath,
                                             source: s, target: t, targetCount: target.count, projectionIndex: index,
                                             table: table, perSynapse: true, network: network)
            }
            projection.dendriticFraction = proj.dendriticFraction ?? 0
            if learnsDelays {
                projection.learnedDelays = try makeLearnedDelays(proj.delayPlasticity, projectionPath: path,
                                                                 table: table, maxDelayMs: proj.maxDelayMs,
                                                                 targetCount: target.count, network: network)
            }
            network.plasticProjections.append(projection)
            return
        }
        if let drive = source.drive(grid: network.grid) {
            network.generatorProjections.append(GeneratorProjection(source: s, target: t, synapses: table, drive: drive,
                                                                    projectionIndex: index))
        } else {
            network.projections.append(StaticProjection(source: s, target: t, synapses: table, projectionIndex: index))
        }
    }

    /// `perSynapse`: one channel per synapse, for delays that change during the run.
    private func makePlastic(_ plasticity: PlasticitySpec, path: String, source: Int, target: Int, targetCount: Int,
                             projectionIndex: Int, table: SynapseTable, perSynapse: Bool,
                             network: Network) throws -> any PlasticSynapses {
        if let rule = plasticityRules.rule(named: plasticity.rule) {
            return try makePlastic(rule, plasticity, path: path, source: source, target: target, targetCount: targetCount,
                                   projectionIndex: projectionIndex, table: table, perSynapse: perSynapse, network: network)
        }
        if let rule = plasticityRules.matrixRule(named: plasticity.rule) {
            if perSynapse {
                throw ConfigError(path: path, problem: "\(plasticity.rule) counts each source's spikes per period and needs one fixed delay for all synapses (no delay_plasticity or max_delay_ms)")
            }
            return try makeMatrixPlastic(rule, plasticity, path: path, source: source, target: target, targetCount: targetCount,
                                         projectionIndex: projectionIndex, table: table, network: network)
        }
        throw ConfigError(path: "\(path).rule",
                          problem: unknownName("plasticity rule", plasticity.rule, known: plasticityRules.names))
    }

    private func makePlastic<R: PlasticityRule>(_: R.Type, _ plasticity: PlasticitySpec, path: String, source: Int, target: Int,
                                                targetCount: Int, projectionIndex: Int, table: SynapseTable,
                                                perSynapse: Bool, network: Network) throws -> any PlasticSynapses {
        let options = PlasticityOptions(nearestSpike: plasticity.pairing == .nearest, dtMs: network.grid.dtMs)
        let (values, bindings) = try boundParameters(plasticity.params, path: "\(path).params", specs: R.parameters,
                                                     network: network) { key, values, path in
            try Self.requireStructureIndependent(of: key, R.self, values, options, path: path)
        }
        let (channels, channelTable) = perSynapse ? DelayChannels.perSynapse(table) : DelayChannels.split(table)
        return try PlasticProjection<R>(source: source, target: target, targetCount: targetCount,
                                        projectionIndex: projectionIndex, synapses: channelTable, channels: channels,
                                        parameters: values, options: options, bindings: bindings, ruleName: plasticity.rule)
    }

    private func makeMatrixPlastic<R: MatrixPlasticityRule>(_: R.Type, _ plasticity: PlasticitySpec, path: String, source: Int,
                                                            target: Int, targetCount: Int, projectionIndex: Int,
                                                            table: SynapseTable, network: Network) throws -> any PlasticSynapses {
        if plasticity.pairing == .nearest {
            throw ConfigError(path: "\(path).pairing", problem: "\(plasticity.rule) counts spikes per period and has no traces to pair")
        }
        guard table.delaySteps.isEmpty else {
            throw ConfigError(path: path, problem: "\(plasticity.rule) counts each source's spikes per period and needs one delay for all synapses")
        }
        let options = PlasticityOptions(dtMs: network.grid.dtMs)
        let (values, bindings) = try boundParameters(plasticity.params, path: "\(path).params", specs: R.parameters,
                                                     network: network) { key, values, path in
            var probe = values
            probe.set(key, to: values[key] * 2 + 1)
            if (try? R(probe, options: options))?.periodMs != (try R(values, options: options)).periodMs {
                throw ConfigError(path: path, problem: "\(key) cannot follow a modulator or schedule: the period it sets is fixed for a run")
            }
        }
        return try MatrixPlasticProjection<R>(source: source, target: target, targetCount: targetCount,
                                              projectionIndex: projectionIndex, synapses: table, parameters: values,
                                              options: options, bindings: bindings, ruleName: plasticity.rule)
    }

    /// The changing delays of a plastic projection: the delay rule named in `spec` (if any) with its parameters
    /// checked against the delays drawn and `max_delay_ms`, which defaults to the rule's `d_max_ms`.
    private func makeLearnedDelays(_ spec: DelayPlasticitySpec?, projectionPath: String, table: SynapseTable,
                                   maxDelayMs: Double?, targetCount: Int, network: Network) throws -> LearnedDelays {
        let grid = network.grid, path = "\(projectionPath).delay_plasticity"
        let delays = (0..<table.count).map { table.delayInMs(of: $0, dtMs: grid.dtMs) }
        var boundSteps = table.delayBoundSteps
        var rule: (any DelayPlasticityRule)?, parameters: ParameterValues?, bindings: [BoundParameter] = []
        var teacher: Int?
        if let spec {
            guard let type = plasticityRules.delayRule(named: spec.rule) else {
                throw ConfigError(path: "\(path).rule", problem: unknownName("delay rule", spec.rule, known: plasticityRules.delayRuleTables.map(\.name)))
            }
            switch (type.usesTeacher, spec.teacher) {
            case (true, nil):
                throw ConfigError(path: "\(path).teacher", problem: "is required: \(spec.rule) is supervised by a population whose neuron i spikes when target neuron i should")
            case (false, .some):
                throw ConfigError(path: "\(path).teacher", problem: "not allowed: \(spec.rule) is unsupervised")
            case (true, .some(let name)):
                let p = try network.populationIndex(named: name, path: "\(path).teacher")
                guard network.populations[p].count == targetCount, network.populations[p].emitsSpikes else {
                    throw ConfigError(path: "\(path).teacher", problem: "'\(name)' must be a spiking population of the target's size (\(targetCount)), one teacher neuron per target neuron")
                }
                teacher = p
            case (false, nil):
                break
            }
            let built = try boundParameters(spec.params, path: "\(path).params", specs: type.parameters, network: network) { key, values, path in
                var probe = values
                probe.set(key, to: values[key] * 2 + 1)
                let original = try type.init(values), changed = try? type.init(probe)
                if changed?.delayBoundsMs != original.delayBoundsMs || changed?.windowMs != original.windowMs {
                    throw ConfigError(path: path, problem: "\(key) cannot follow a modulator or schedule: the delay bounds and the window are fixed for a run")
                }
            }
            (parameters, bindings) = built
            let r = try type.init(built.0)
            let bounds = r.delayBoundsMs
            if grid.fractionalSteps(bounds.lowerBound).rounded() < 1 {
                throw ConfigError(path: "\(path).params.d_min_ms", problem: "must be >= dt (\(formatNumber(grid.dtMs)) ms), got \(formatNumber(bounds.lowerBound))")
            }
            if let maxDelayMs, bounds.upperBound > maxDelayMs {
                throw ConfigError(path: "\(path).params.d_max_ms", problem: "must be <= max_delay_ms (\(formatNumber(maxDelayMs)) ms), got \(formatNumber(bounds.upperBound))")
            }
            if let k = delays.firstIndex(where: { !bounds.contains($0) }) {
                throw ConfigError(path: "\(projectionPath).synapse.delay_ms",
                                  problem: "must lie within the delay rule's d_min_ms ... d_max_ms (\(formatNumber(bounds.lowerBound)) ... \(formatNumber(bounds.upperBound)) ms), got \(formatNumber(delays[k]))")
            }
            if maxDelayMs == nil {
                // The table's own bound is at most 65535 steps already (`SynapseTable`).
                guard grid.fractionalSteps(bounds.upperBound).rounded() <= Double(UInt16.max) else {
                    throw ConfigError(path: "\(path).params.d_max_ms", problem: "must be <= \(formatNumber(Double(UInt16.max) * grid.dtMs)) ms (65535 steps)")
                }
                boundSteps = max(boundSteps, grid.steps(bounds.upperBound))
            }
            rule = r
        }
        return LearnedDelays(delayMs: delays, grid: grid, boundSteps: boundSteps, targetCount: targetCount, rule: rule,
                             ruleName: spec?.rule, parameters: parameters, bindings: bindings, teacher: teacher)
    }

    /// A rule's or a neuron model's `params` (at `paramsPath`) checked against its table, with the parameters bound
    /// to modulators or schedules (`ParameterBinding`), each at its value for the first step;
    /// `requireBindable(key, values, path)` refuses bindings that cannot be followed.
    private func boundParameters(_ params: [String: ParameterValue], path paramsPath: String, specs: [ParameterSpec],
                                 network: Network, requireBindable: (String, ParameterValues, String) throws -> Void)
        throws -> (ParameterValues, [BoundParameter]) {
        var given: [String: Double] = [:], named: [String: String] = [:]
        var bound: [(key: String, binding: ParameterBinding)] = []
        for key in params.keys.sorted() {
            switch params[key]! {
            case .number(let x):
                given[key] = x
            case .text(let name):
                named[key] = name
            case .bound where specs.first(where: { $0.key == key })?.choices != nil:
                throw ConfigError(path: "\(paramsPath).\(key)", problem: "is a choice, which cannot follow a modulator or schedule")
            case .bound(let binding):
                bound.append((key, binding))
                switch binding {
                case .schedule(let initial, _, _): given[key] = initial
                // Checked against the table as its default; the modulator's values are used unchecked.
                case .modulator: given[key] = specs.first { $0.key == key }?.defaultValue ?? .nan
                }
            case let other:
                throw ConfigError(path: "\(paramsPath).\(key)", problem: "must be a number, got \(other.json.described)")
            }
        }
        var values = try ParameterValues(given, named: named, specs: specs, path: paramsPath)
        var bindings: [BoundParameter] = []
        for (key, binding) in bound {
            let bindingPath = "\(paramsPath).\(key)"
            var modulatorIndex = -1, stepsPerUpdate = 1
            switch binding {
            case .modulator(let name, let scale):
                guard let m = network.modulators.firstIndex(where: { $0.name == name }) else {
                    let known = network.modulators.map(\.name)
                    throw ConfigError(path: "\(bindingPath).modulator",
                                      problem: unknownName("modulator", name, known: known, none: "none (add \"modulators\" to the config)"))
                }
                modulatorIndex = m
                values.set(key, to: (scale ?? 1) * network.modulators[m].value)
            case .schedule(_, _, let everyMs):
                stepsPerUpdate = max(1, network.grid.steps(everyMs ?? 1))
            }
            try requireBindable(key, values, bindingPath)
            bindings.append(BoundParameter(key: key, binding: binding, modulatorIndex: modulatorIndex,
                                           stepsPerUpdate: stepsPerUpdate))
        }
        return (values, bindings)
    }

    /// Refuses to bind a parameter that the weight bounds, the trace time constants or the pairing depend on: the
    /// engine fixes those for a run. Found by building the rule with the parameter changed.
    private static func requireStructureIndependent<R: PlasticityRule>(of key: String, _: R.Type, _ values: ParameterValues,
                                                                       _ options: PlasticityOptions, path: String) throws {
        let rule = try R(values, options: options)
        var probe = values
        probe.set(key, to: values[key] * 2 + 1)
        let changed = (try? R(probe, options: options)).map {
            $0.weightBounds != rule.weightBounds || $0.preTraceTausMs != rule.preTraceTausMs
                || $0.postTraceTausMs != rule.postTraceTausMs || $0.nearestSpike != rule.nearestSpike
        } ?? true
        if changed {
            throw ConfigError(path: path, problem: "\(key) cannot follow a modulator or schedule: the weight bounds and trace time constants it sets are fixed for a run")
        }
    }
}
