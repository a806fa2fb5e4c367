/// Writing a `NetworkSpec` as JSON: the config it was read from, or the config a spec built in Swift stands for.
/// Keys the spec leaves unset are left out, so JSON → spec → JSON gives the same document, except that empty
/// lists and `params`/`initial` objects, which mean the same as absent ones, are left out too.
extension NetworkSpec {
    /// The config document of the spec: keys the spec leaves nil, and empty lists, are left out.
    public var json: JSONValue {
        var top: [String: JSONValue] = ["simulation": simulation.json, "populations": .array(populations.map(\.json))]
        if !projections.isEmpty { top["projections"] = .array(projections.map(\.json)) }
        if !modulators.isEmpty { top["modulators"] = .array(modulators.map(\.json)) }
        if !recorders.isEmpty { top["recorders"] = .array(recorders.map(\.json)) }
        if !layouts.isEmpty { top["layouts"] = .array(layouts.map(\.json)) }
        return .object(top)
    }

    /// `json` as text with sorted keys and a final newline.
    public var jsonText: String { json.prettyPrinted + "\n" }
}

/// An object from the entries whose values are present.
private func object(_ entries: [(String, JSONValue?)]) -> JSONValue {
    var dict: [String: JSONValue] = [:]
    for (key, value) in entries { if let value { dict[key] = value } }
    return .object(dict)
}

private func jsonNumbers(_ xs: [Double]) -> JSONValue { .array(xs.map(JSONValue.number)) }
private func integers(_ xs: [Int]) -> JSONValue { .array(xs.map { .number(Double($0)) }) }
private func strings(_ xs: [String]) -> JSONValue { .array(xs.map(JSONValue.string)) }

extension SimulationSpec {
    var json: JSONValue {
        object([("duration_ms", .number(durationMs)), ("dt_ms", dtMs.map(JSONValue.number)),
                ("seed", seed.map { .number(Double($0)) }), ("engine", engine.map { .string($0.rawValue) }),
                ("threads", threads.map { .number(Double($0)) })])
    }
}

extension PopulationSpec {
    var json: JSONValue {
        object([("name", .string(name)), ("size", .number(Double(size))), ("model", .string(model)),
                ("params", params.isEmpty ? nil : .object(params.mapValues(\.json))),
                ("initial", initial.isEmpty ? nil : .object(initial.mapValues(\.json)))])
    }
}

extension ParameterValue {
    var json: JSONValue {
        switch self {
        case .number(let x): return .number(x)
        case .numbers(let xs): return jsonNumbers(xs)
        case .lists(let lists): return .array(lists.map(jsonNumbers))
        case .text(let s): return .string(s)
        case .values(let v): return v.json
        case .bound(let b): return b.json
        }
    }
}

extension ParameterBinding {
    var json: JSONValue {
        switch self {
        case let .modulator(name, scale):
            return object([("modulator", .string(name)), ("scale", scale.map(JSONValue.number))])
        case let .schedule(initial, factor, everyMs):
            return object([("initial", .number(initial)), ("factor", .number(factor)), ("every_ms", everyMs.map(JSONValue.number))])
        }
    }
}

extension ScheduledNumber {
    var json: JSONValue {
        switch self {
        case .constant(let x): return .number(x)
        case let .geometric(initial, factor, everyMs):
            return ParameterBinding.schedule(initial: initial, factor: factor, everyMs: everyMs).json
        }
    }
}

extension ValueSpec {
    var json: JSONValue {
        switch self {
        case .constant(let x): return .number(x)
        case let .uniform(low, high): return .object(["uniform": jsonNumbers([low, high])])
        case let .normal(mean, sd, lo, hi):
            return object([("normal", jsonNumbers([mean, sd])), ("min", lo.isFinite ? .number(lo) : nil),
                           ("max", hi.isFinite ? .number(hi) : nil)])
        case .choice(let xs): return .object(["choice": jsonNumbers(xs)])
        case .array(let xs): return .object(["array": jsonNumbers(xs)])
        case .file(let name): return .object(["file": .string(name)])
        case .expression(let e): return .object(["expression": .string(e.source)])
        }
    }
}

extension ProjectionSpec {
    var json: JSONValue {
        object([("source", .string(source)), ("target", .string(target)), ("connectivity", connectivity.json),
                ("synapse", object([("type", synapseType.map { .string($0.rawValue) }), ("weight", weight.json),
                                    ("delay_ms", delayMs?.json)])),
                ("plasticity", plasticity?.json), ("delay_plasticity", delayPlasticity?.json),
                ("max_delay_ms", maxDelayMs.map(JSONValue.number)),
                ("dendritic_fraction", dendriticFraction.map(JSONValue.number)), ("third_factor", thirdFactor?.json)])
    }
}

extension ThirdFactorSpec {
    var json: JSONValue {
        func synapse(_ s: Synapse) -> JSONValue { object([("weight", s.weight.json), ("delay_ms", s.delayMs?.json)]) }
        return object([("population", .string(population)), ("p", probability.map(JSONValue.number)),
                       ("pool_size", poolSize.map { .number(Double($0)) }), ("pool_type", poolType.map { .string($0.rawValue) }),
                       ("third_in", synapse(thirdIn)), ("third_out", synapse(thirdOut))])
    }
}

extension DelayPlasticitySpec {
    var json: JSONValue {
        object([("rule", .string(rule)), ("params", params.isEmpty ? nil : .object(params.mapValues(\.json))),
                ("teacher", teacher.map(JSONValue.string))])
    }
}

extension PlasticitySpec {
    var json: JSONValue {
        object([("rule", .string(rule)), ("params", params.isEmpty ? nil : .object(params.mapValues(\.json))),
                ("pairing", pairing.map { .string($0.rawValue) })])
    }
}

extension Connectivity {
    var json: JSONValue {
        var entries: [(String, JSONValue?)] = [("rule", .string(rule.name)), ("allow_autapses", allowAutapses.map(JSONValue.bool)),
                                               ("allow_multapses", allowMultapses.map(JSONValue.bool))]
        switch rule {
        case .allToAll, .oneToOne: break
        case .pairwiseBernoulli(let p): entries.append(("p", .number(p)))
        case .fixedIndegree(let k), .fixedOutdegree(let k): entries.append(("K", .number(Double(k))))
        case .fixedTotalNumber(let n): entries.append(("N", .number(Double(n))))
        case let .explicit(sources, targets): entries += [("sources", sources.json), ("targets", targets.json)]
        case let .distanceBernoulli(c, lambda): entries += [("C", .number(c)), ("lambda", .number(lambda))]
        }
        return object(entries)
    }
}

extension LayoutSpec {
    var json: JSONValue {
        object([("name", .string(name)), ("grid", integers(grid)), ("populations", strings(populations)),
                ("assignment", assignment.map { .string($0.rawValue) })])
    }
}

extension Connectivity.IndexList {
    var json: JSONValue {
        switch self {
        case .indices(let xs): return integers(xs)
        case .file(let name): return .object(["file": .string(name)])
        }
    }
}

extension ModulatorSpec {
    var json: JSONValue {
        var entries: [(String, JSONValue?)] = [("name", .string(name)), ("type", .string(kind.typeName)),
                                               ("initial", initial.map(JSONValue.number))]
        switch kind {
        case let .volumeTransmitter(population, tauMs, increment, baseline):
            entries += [("population", .string(population)), ("tau_ms", .number(tauMs)),
                        ("increment", increment.map(JSONValue.number)), ("baseline", baseline.map(JSONValue.number))]
        case let .schedule(timesMs, values):
            entries += [("times_ms", jsonNumbers(timesMs)), ("values", jsonNumbers(values))]
        case .external:
            break
        case .astrocyteIntegrator(let astrocyte):
            entries += [("tau_ms", .number(astrocyte.tauMs)), ("bias", astrocyte.bias.json),
                        ("inputs", .array(astrocyte.inputs.map {
                            object([("population", .string($0.population)), ("weight", $0.weight.json)])
                        })),
                        ("density", astrocyte.density.map(JSONValue.number)),
                        ("fade", astrocyte.fade.map { object([("factor", .number($0.factor)), ("every_ms", $0.everyMs.map(JSONValue.number))]) })]
        case let .populationMean(population, variable):
            entries += [("population", .string(population)), ("variable", .string(variable))]
        case .custom(_, let params):
            entries += params.keys.sorted().map { ($0, params[$0]!.json) }
        }
        return object(entries)
    }
}

extension RecorderSpec {
    var json: JSONValue {
        var entries: [(String, JSONValue?)] = [("name", .string(name)), ("type", .string(kind.typeName))]
        switch kind {
        case let .spikes(population, neurons):
            entries += [("population", .string(population)), ("neurons", neurons.map(integers))]
        case let .state(population, variables, neurons, intervalMs):
            entries += [("population", .string(population)), ("variables", strings(variables)),
                        ("neurons", neurons.map(integers)), ("interval_ms", intervalMs.map(JSONValue.number))]
        case let .weights(projection, intervalMs), let .delays(projection, intervalMs):
            entries += [("projection", .number(Double(projection))), ("interval_ms", intervalMs.map(JSONValue.number))]
        case let .modulators(variables, intervalMs):
            entries += [("variables", variables.map(strings)), ("interval_ms", intervalMs.map(JSONValue.number))]
        case let .custom(_, params):
            entries += params.keys.sorted().map { ($0, params[$0]!.json) }
        }
        return object(entries)
    }
}
