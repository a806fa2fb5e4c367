import Foundation

/// Lowers a checked `NetworkConfig` into a `Network`: creates populations with their initial state, runs the
/// connection rules and draws weights and delays. Every problem found here (unknown model or parameter, unknown
/// population, bad delay, out-of-range index, missing file) is a `ConfigError` naming its JSON path.
public struct NetworkBuilder: Sendable {
    public var registry: ModelRegistry
    public var plasticityRules: PlasticityRegistry

    public init(registry: ModelRegistry = .builtIn, plasticityRules: PlasticityRegistry = .builtIn) {
        self.registry = registry
        self.plasticityRules = plasticityRules
    }

    public func build(_ config: NetworkConfig) throws -> Network {
        let sim = config.simulation
        let grid = TimeGrid(dtMs: sim.dtMs)
        var network = Network(grid: grid, seed: sim.seed)
        for (index, pop) in config.populations.enumerated() {
            network.populations.append(try makePopulation(pop, index: index, grid: grid, seed: sim.seed,
                                                          exactTimes: sim.engine == EngineKind.event.rawValue))
        }
        for entry in config.modulators {
            network.modulators.append(try makeModulator(entry, network: network))
        }
        for (index, proj) in config.projections.enumerated() {
            try addProjection(proj, index: index, to: &network, config: config)
        }
        return network
    }

    private func makeModulator(_ entry: NetworkConfig.ModulatorEntry, network: Network) throws -> Modulator {
        switch entry.kind {
        case let .volumeTransmitter(name, tauMs, increment, baseline):
            guard let p = network.populationIndex(named: name) else {
                throw ConfigError(path: "\(entry.path).population",
                                  problem: "unknown population '\(name)'; known: \(network.populations.map(\.name).joined(separator: ", "))")
            }
            guard network.populations[p].emitsSpikes else {
                throw ConfigError(path: "\(entry.path).population", problem: "'\(name)' feeds its targets directly and emits no spikes to count")
            }
            return Modulator(name: entry.name, drive: .volumeTransmitter(population: p, stepDecay: exp(-network.grid.dtMs / tauMs),
                                                                         increment: increment, baseline: baseline),
                             initial: entry.initial)
        case let .schedule(timesMs, values):
            return Modulator(name: entry.name, drive: .schedule(steps: timesMs.map(network.grid.steps), values: values),
                             initial: entry.initial)
        case .external:
            return Modulator(name: entry.name, drive: .external, initial: entry.initial)
        }
    }

    private func makePopulation(_ pop: NetworkConfig.Population, index: Int, grid: TimeGrid, seed: UInt64,
                                exactTimes: Bool) throws -> any Population {
        let paramsPath = "\(pop.path).params"
        func numericParams(_ specs: [ParameterSpec]) throws -> ParameterValues {
            var given: [String: Double] = [:]
            for entry in try pop.params?.entries() ?? [] { given[entry.key] = try entry.node.number() }
            return try ParameterValues(given, specs: specs, path: paramsPath)
        }
        func noInitial() throws {
            if let first = pop.initial.first {
                throw ConfigError(path: first.path, problem: "\(pop.model) has no state variables to initialise")
            }
        }
        switch pop.model {
        case PoissonGenerator.name:
            try noInitial()
            return PoissonGenerator(name: pop.name, count: pop.size, parameters: try numericParams(PoissonGenerator.parameters))
        case DCGenerator.name:
            try noInitial()
            return DCGenerator(name: pop.name, count: pop.size, parameters: try numericParams(DCGenerator.parameters), grid: grid)
        case SpikeGenerator.name:
            try noInitial()
            return try SpikeGenerator(name: pop.name, count: pop.size, params: pop.params, grid: grid, path: pop.path,
                                      exactTimes: exactTimes)
        case BernoulliInput.name:
            try noInitial()
            return try BernoulliInput(name: pop.name, count: pop.size, params: pop.params, seed: seed,
                                      populationIndex: index, path: pop.path)
        default:
            guard let model = registry.model(named: pop.model) else {
                throw ConfigError(path: "\(pop.path).model",
                                  problem: "unknown model '\(pop.model)'; known: \(registry.allNames.joined(separator: ", "))")
            }
            return try makeGroup(model, pop, parameters: try numericParams(model.parameters), grid: grid, seed: seed, index: index)
        }
    }

    private func makeGroup<M: NeuronModel>(_: M.Type, _ pop: NetworkConfig.Population, parameters: ParameterValues,
                                           grid: TimeGrid, seed: UInt64, index: Int) throws -> any Population {
        var group = NeuronGroup(name: pop.name, model: try M(parameters, dtMs: grid.dtMs), count: pop.size)
        for (variable, spec, path) in pop.initial {
            guard let v = M.stateVariables.firstIndex(where: { $0.name == variable }) else {
                throw ConfigError(path: path, problem: "unknown state variable for \(M.name); known: \(M.stateVariables.map(\.name).joined(separator: ", "))")
            }
            try spec.requireCount(pop.size, path: path, of: "neuron")
            group.initialize(variable: v, with: spec, seed: seed, populationIndex: index)
        }
        return group
    }

    private func addProjection(_ proj: NetworkConfig.Projection, index: Int, to network: inout Network,
                               config: NetworkConfig) throws {
        func population(_ name: String, key: String) throws -> Int {
            guard let i = network.populationIndex(named: name) else {
                throw ConfigError(path: "\(proj.path).\(key)",
                                  problem: "unknown population '\(name)'; known: \(network.populations.map(\.name).joined(separator: ", "))")
            }
            return i
        }
        let s = try population(proj.source, key: "source"), t = try population(proj.target, key: "target")
        let source = network.populations[s], target = network.populations[t]
        guard target.ports != nil else {
            throw ConfigError(path: "\(proj.path).target", problem: "'\(target.name)' is an input (\(config.populations[t].model)) and cannot receive synapses")
        }
        let connections = try ConnectionGenerator(connectivity: proj.connectivity, sourceCount: source.count,
                                                  targetCount: target.count, samePopulation: s == t,
                                                  seed: network.seed, projectionIndex: index,
                                                  threads: config.simulation.threads).generate()
        let table = try SynapseTable(connections: connections, sourceCount: source.count, weight: proj.weight,
                                     delayMs: proj.delayMs, dtMs: network.grid.dtMs, seed: network.seed,
                                     projectionIndex: index, path: proj.path, keepCreationIndex: proj.plasticity != nil,
                                     exactDelays: config.simulation.engine == EngineKind.event.rawValue)
        if let plasticity = proj.plasticity {
            guard source.emitsSpikes else {
                throw ConfigError(path: "\(plasticity.path)", problem: "'\(source.name)' feeds its targets directly and has no spikes for plasticity to pair")
            }
            if !table.delaySteps.isEmpty && config.simulation.engine == EngineKind.event.rawValue {
                throw ConfigError(path: "\(proj.path).synapse.delay_ms", problem: "plastic projections with per-synapse delays need the clock engine (the event engine takes one delay per plastic projection)")
            }
            network.plasticProjections.append(try makePlastic(plasticity, source: s, target: t, targetCount: target.count,
                                                              projectionIndex: index, table: table, network: network))
            return
        }
        switch source {
        case let poisson as PoissonGenerator:
            network.generatorProjections.append(GeneratorProjection(
                source: s, target: t, synapses: table,
                drive: .poisson(meanPerStep: poisson.rateHz * network.grid.dtMs / 1000), projectionIndex: index))
        case let dc as DCGenerator:
            network.generatorProjections.append(GeneratorProjection(source: s, target: t, synapses: table, drive: .current(dc), projectionIndex: index))
        default:
            network.projections.append(StaticProjection(source: s, target: t, synapses: table))
        }
    }

    private func makePlastic(_ plasticity: NetworkConfig.Plasticity, source: Int, target: Int, targetCount: Int,
                             projectionIndex: Int, table: SynapseTable, network: Network) throws -> any PlasticSynapses {
        if let rule = plasticityRules.rule(named: plasticity.rule) {
            return try makePlastic(rule, plasticity, source: source, target: target, targetCount: targetCount,
                                   projectionIndex: projectionIndex, table: table, network: network)
        }
        if let rule = plasticityRules.matrixRule(named: plasticity.rule) {
            return try makeMatrixPlastic(rule, plasticity, source: source, target: target, targetCount: targetCount,
                                         projectionIndex: projectionIndex, table: table, network: network)
        }
        throw ConfigError(path: "\(plasticity.path).rule",
                          problem: "unknown plasticity rule '\(plasticity.rule)'; known: \(plasticityRules.names.joined(separator: ", "))")
    }

    private func makePlastic<R: PlasticityRule>(_: R.Type, _ plasticity: NetworkConfig.Plasticity, source: Int, target: Int,
                                                targetCount: Int, projectionIndex: Int, table: SynapseTable,
                                                network: Network) throws -> any PlasticSynapses {
        let options = PlasticityOptions(nearestSpike: plasticity.nearestSpike, dtMs: network.grid.dtMs)
        let (values, bindings) = try ruleParameters(plasticity, specs: R.parameters, network: network) { key, values, path in
            try Self.requireStructureIndependent(of: key, R.self, values, options, path: path)
        }
        let (channels, channelTable) = DelayChannels.split(table)
        return try PlasticProjection<R>(source: source, target: target, targetCount: targetCount,
                                        projectionIndex: projectionIndex, synapses: channelTable, channels: channels,
                                        parameters: values, options: options, bindings: bindings, ruleName: plasticity.rule)
    }

    private func makeMatrixPlastic<R: MatrixPlasticityRule>(_: R.Type, _ plasticity: NetworkConfig.Plasticity, source: Int,
                                                            target: Int, targetCount: Int, projectionIndex: Int,
                                                            table: SynapseTable, network: Network) throws -> any PlasticSynapses {
        if plasticity.nearestSpike {
            throw ConfigError(path: "\(plasticity.path).pairing", problem: "\(plasticity.rule) counts spikes per period and has no traces to pair")
        }
        guard table.delaySteps.isEmpty else {
            throw ConfigError(path: "\(plasticity.path)", problem: "\(plasticity.rule) counts each source's spikes per period and needs one delay for all synapses")
        }
        let options = PlasticityOptions(dtMs: network.grid.dtMs)
        let (values, bindings) = try ruleParameters(plasticity, specs: R.parameters, network: network) { key, values, path in
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

    /// A rule's `params` checked against its table, with the parameters bound to modulators or schedules
    /// (`ParameterBinding`); `requireBindable(key, values, path)` refuses bindings the rule cannot follow.
    private func ruleParameters(_ plasticity: NetworkConfig.Plasticity, specs: [ParameterSpec], network: Network,
                                requireBindable: (String, ParameterValues, String) throws -> Void)
        throws -> (ParameterValues, [BoundParameter]) {
        let paramsPath = "\(plasticity.path).params"
        var given: [String: Double] = [:]
        var bound: [(key: String, binding: ParameterBinding, node: ConfigNode)] = []
        for entry in try plasticity.params?.entries() ?? [] {
            guard case .object = entry.node.value else {
                given[entry.key] = try entry.node.number()
                continue
            }
            let binding = try ParameterBinding(entry.node)
            bound.append((entry.key, binding, entry.node))
            switch binding {
            case .schedule(let initial, _, _): given[entry.key] = initial
            // Checked against the table as its default; the modulator's values are used unchecked.
            case .modulator: given[entry.key] = specs.first { $0.key == entry.key }?.defaultValue ?? .nan
            }
        }
        var values = try ParameterValues(given, specs: specs, path: paramsPath)
        var bindings: [BoundParameter] = []
        for (key, binding, node) in bound {
            var modulatorIndex = -1, stepsPerUpdate = 1
            switch binding {
            case .modulator(let name, let scale):
                guard let m = network.modulators.firstIndex(where: { $0.name == name }) else {
                    let known = network.modulators.map(\.name)
                    throw ConfigError(path: "\(node.path).modulator",
                                      problem: "unknown modulator '\(name)'; known: \(known.isEmpty ? "none (add \"modulators\" to the config)" : known.joined(separator: ", "))")
                }
                modulatorIndex = m
                values.set(key, to: scale * network.modulators[m].value)
            case .schedule(_, _, let everyMs):
                stepsPerUpdate = max(1, network.grid.steps(everyMs))
            }
            try requireBindable(key, values, node.path)
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
