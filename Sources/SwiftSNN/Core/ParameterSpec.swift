/// One row of a model's or input's parameter table.
///
/// The same table drives validation of configs, `snn models`, `configs/schema.json` and the documentation, so a
/// parameter is described once (NEST parameter tables; Arbor `mechanism_field_spec`).
public struct ParameterSpec: Sendable, Equatable {
    /// The range a parameter's value must lie in.
    public enum Constraint: Sendable, Equatable {
        /// Any finite number.
        case any
        /// Greater than 0.
        case positive
        /// 0 or more.
        case nonNegative
        /// In [0, 1].
        case probability
        /// One of these names: a choice that is not a number (snnTorch's `reset_mechanism`). A config gives the name
        /// as a JSON string; `ParameterValues` holds its index in the list, and so does `defaultValue`.
        case oneOf([String])

        func violation(_ x: Double) -> String? {
            if !x.isFinite { return "must be a finite number, got \(formatNumber(x))" }
            switch self {
            case .any: return nil
            case .oneOf(let names):
                return names.indices.contains(Int(exactly: x) ?? -1) ? nil : "must be one of \(Self.list(names)), got \(formatNumber(x))"
            case .positive: return x > 0 ? nil : "must be > 0, got \(formatNumber(x))"
            case .nonNegative: return x >= 0 ? nil : "must be >= 0, got \(formatNumber(x))"
            case .probability: return (0...1).contains(x) ? nil : "must be in [0, 1], got \(formatNumber(x))"
            }
        }

        var schemaBounds: [String: Double] {
            switch self {
            case .any: return [:]
            case .positive: return ["exclusiveMinimum": 0]
            case .nonNegative: return ["minimum": 0]
            case .probability: return ["minimum": 0, "maximum": 1]
            case .oneOf: return [:]
            }
        }

        /// `'a', 'b', 'c'`, for errors.
        static func list(_ names: [String]) -> String { names.map { "'\($0)'" }.joined(separator: ", ") }
    }

    /// JSON key, spelled as in NEST (`tau_m`).
    public var key: String
    /// The unit, as documented (`ms`, `pA`).
    public var unit: String
    /// The value when a config gives none (NEST's default where NEST has the model).
    public var defaultValue: Double
    /// The range the value must lie in.
    public var constraint: Constraint
    /// What the parameter is, in `snn models` and the schema.
    public var summary: String

    /// A parameter `key` with its unit, default, range and description.
    public init(_ key: String, unit: String, default defaultValue: Double, _ constraint: Constraint, _ summary: String) {
        self.key = key
        self.unit = unit
        self.defaultValue = defaultValue
        self.constraint = constraint
        self.summary = summary
    }

    /// A parameter that takes any finite value.
    public init(_ key: String, unit: String, default defaultValue: Double, _ summary: String) {
        self.init(key, unit: unit, default: defaultValue, .any, summary)
    }

    /// A parameter that is one of `choices` (a JSON string), `defaultChoice` when a config gives none.
    public init(_ key: String, choices: [String], default defaultChoice: String, _ summary: String) {
        guard let index = choices.firstIndex(of: defaultChoice) else {
            preconditionFailure("default \(defaultChoice) of \(key) is not among its choices")
        }
        self.init(key, unit: "", default: Double(index), .oneOf(choices), summary)
    }

    /// A parameter that is `"true"` or `"false"` (a library's boolean option, SpikingJelly's `decay_input`).
    public init(_ key: String, flag defaultFlag: Bool, _ summary: String) {
        self.init(key, choices: ["true", "false"], default: defaultFlag ? "true" : "false", summary)
    }

    /// The names a choice parameter takes, or nil for a number.
    public var choices: [String]? {
        if case .oneOf(let names) = constraint { return names }
        return nil
    }

    /// The default as a config writes it: a number, or the name of a choice.
    public var defaultText: String { choices.map { $0[Int(defaultValue)] } ?? formatNumber(defaultValue) }
}

/// Parameter values checked against a `ParameterSpec` table: every key known, every value finite and in range,
/// defaults filled in for the keys the config omits.
public struct ParameterValues: Sendable {
    private var values: [String: Double]
    /// JSON path of the `params` object, for errors that involve several parameters.
    public let path: String

    /// Checks `given` numbers and `named` choices against `specs`; `path` is the JSON path of the `params` object.
    public init(_ given: [String: Double], named: [String: String] = [:], specs: [ParameterSpec], path: String) throws {
        let known = Set(specs.map(\.key))
        for key in Set(given.keys).union(named.keys).sorted() where !known.contains(key) {
            throw ConfigError(path: "\(path).\(key)",
                              problem: "unknown parameter\(suggestion(for: key, among: specs.map(\.key))); known: \(specs.map(\.key).sorted().joined(separator: ", "))")
        }
        var values: [String: Double] = [:]
        for spec in specs {
            var value = given[spec.key] ?? spec.defaultValue
            if let names = spec.choices, given[spec.key] != nil {
                throw ConfigError(path: "\(path).\(spec.key)", problem: "must be one of \(ParameterSpec.Constraint.list(names)) (a string), got the number \(formatNumber(value))")
            }
            if let name = named[spec.key] {
                guard let names = spec.choices else {
                    throw ConfigError(path: "\(path).\(spec.key)", problem: "must be a number, got \(JSONValue.string(name).described)")
                }
                guard let index = names.firstIndex(of: name) else {
                    throw ConfigError(path: "\(path).\(spec.key)", problem: unknownName("choice", name, known: names))
                }
                value = Double(index)
            }
            if let problem = spec.constraint.violation(value) {
                throw ConfigError(path: "\(path).\(spec.key)", problem: problem)
            }
            values[spec.key] = value
        }
        self.values = values
        self.path = path
    }

    /// The defaults of a table, for building models in code.
    public init(defaultsOf specs: [ParameterSpec], overriding given: [String: Double] = [:]) throws {
        try self.init(given, specs: specs, path: "params")
    }

    /// Checks a relation between two parameters, e.g. that the reset lies below the threshold (NEST refuses a
    /// model whose `V_reset` is not below `V_th`).
    public func require(_ lower: String, below upper: String) throws {
        guard self[lower] < self[upper] else {
            throw ConfigError(path: "\(path).\(lower)",
                              problem: "must be < \(upper) (\(formatNumber(self[upper]))), got \(formatNumber(self[lower]))")
        }
    }

    /// The same values with `key` set to `value`, checked against `specs` as a config's value would be.
    func setting(_ key: String, to value: Double, specs: [ParameterSpec]) throws -> ParameterValues {
        var given = values, named: [String: String] = [:]
        for spec in specs {
            guard let names = spec.choices, let index = given.removeValue(forKey: spec.key) else { continue }
            named[spec.key] = names[Int(index)]
        }
        given[key] = value
        return try ParameterValues(given, named: named, specs: specs, path: path)
    }

    /// Changes a value without checking it: a bound parameter during a run (`ParameterBinding`).
    mutating func set(_ key: String, to value: Double) { values[key] = value }

    /// The value of a key that is in the table this was checked against (the index of a choice's name).
    public subscript(_ key: String) -> Double {
        guard let value = values[key] else { preconditionFailure("parameter \(key) is not in the model's table") }
        return value
    }

    /// The value of a parameter declared with `ParameterSpec(_:flag:_:)`.
    public func flag(_ key: String) -> Bool { self[key] == 0 }

    /// The choice `key` holds, as the enumeration whose raw values are the choice's names.
    public func choice<Choice: RawRepresentable>(_ key: String, in specs: [ParameterSpec], as _: Choice.Type = Choice.self) -> Choice
        where Choice.RawValue == String {
        guard let names = specs.first(where: { $0.key == key })?.choices, let choice = Choice(rawValue: names[Int(self[key])]) else {
            preconditionFailure("parameter \(key) is not a choice of \(Choice.self)")
        }
        return choice
    }
}
