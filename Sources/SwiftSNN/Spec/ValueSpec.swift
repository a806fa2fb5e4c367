import Foundation

/// How a per-neuron or per-synapse quantity (initial V_m, weight, delay) is given: a number,
/// `{"uniform": [low, high]}`, `{"normal": [mean, sd]}` (optionally `"min"`/`"max"`: values outside are redrawn,
/// as NEST's `normal_clipped`), `{"choice": [-3, 3]}` (one of the values, each equally likely: NALSM's random
/// signs), `{"array": [...]}` or `{"file": "values.npy"}` (one value per element); per neuron (initial state,
/// per-neuron model parameters) also `{"expression": "-65 + 15*r^2"}` of a random r per neuron (`ValueExpression`).
public enum ValueSpec: Sendable, Equatable {
    /// The same value for every element.
    case constant(Double)
    /// Uniform in [low, high).
    case uniform(low: Double, high: Double)
    /// `min`/`max` are −∞/∞ when not given.
    case normal(mean: Double, sd: Double, min: Double, max: Double)
    /// One of `values` per element, each equally likely.
    case choice([Double])
    /// One value per element, in order.
    case array([Double])
    /// A `.npy` file of values, relative to the spec's base directory; read when the network is built.
    case file(String)
    /// An expression of the neuron's random number r (per-neuron values only).
    case expression(ValueExpression)

    /// Normal with mean and standard deviation, unbounded.
    public static func normal(mean: Double, sd: Double) -> ValueSpec {
        .normal(mean: mean, sd: sd, min: -.infinity, max: .infinity)
    }

    /// The spec with a file read into `.array`, every value checked against `constraint`; errors name `path`.
    /// Expressions are values of neurons (`perNeuron`); the values they give are checked when they are evaluated.
    func resolved(_ constraint: ParameterSpec.Constraint = .any, baseDirectory: URL, path: String,
                  perNeuron: Bool = false) throws -> ValueSpec {
        switch self {
        case .expression:
            guard perNeuron else {
                throw ConfigError(path: path, problem: "expressions of r give per-neuron values (initial state, neuron parameters); give a number, a distribution, an array or a file")
            }
        case .constant(let x):
            if let p = constraint.violation(x) { throw ConfigError(path: path, problem: p) }
        case .uniform(let lo, let hi):
            for (i, b) in [lo, hi].enumerated() {
                if let p = constraint.violation(b) { throw ConfigError(path: "\(path).uniform[\(i)]", problem: p) }
            }
            guard lo <= hi else {
                throw ConfigError(path: "\(path).uniform", problem: "low must be <= high, got [\(formatNumber(lo)), \(formatNumber(hi))]")
            }
        case .normal(let mean, let sd, let lo, let hi):
            for (key, x) in [("normal[0]", mean), ("normal[1]", sd)] where !x.isFinite {
                throw ConfigError(path: "\(path).\(key)", problem: "must be a finite number, got \(formatNumber(x))")
            }
            guard sd >= 0 else { throw ConfigError(path: "\(path).normal[1]", problem: "sd must be >= 0, got \(formatNumber(sd))") }
            guard lo < hi || (lo == hi && lo == mean) else { throw ConfigError(path: path, problem: "min must be < max") }
            // Values outside [min, max] are redrawn, up to 1000 times: a window that holds almost none of the normal
            // would pile the values up at a bound instead.
            let z = { (x: Double) in (x - mean) / (sd * 2.squareRoot()) }
            let inside = sd == 0 ? (lo...hi).contains(mean) ? 1 : 0 : (erfc(-z(hi)) - erfc(-z(lo))) / 2
            guard inside >= 0.01 else {
                throw ConfigError(path: path, problem: "normal(\(formatNumber(mean)), \(formatNumber(sd))) falls in [\(formatNumber(lo)), \(formatNumber(hi))] with probability \(formatNumber(inside)), under the 1 % needed to redraw the values outside")
            }
            let given = { (key: String, x: Double) in x.isFinite ? "\(key) \(formatNumber(x))" : "no \(key)" }
            switch constraint {
            case .positive where lo <= 0:
                throw ConfigError(path: path, problem: "values must be > 0, so normal needs min > 0, got \(given("min", lo))")
            case .nonNegative where lo < 0:
                throw ConfigError(path: path, problem: "values must be >= 0, so normal needs min >= 0, got \(given("min", lo))")
            case .probability where lo < 0 || hi > 1:
                throw ConfigError(path: path, problem: "values must be in [0, 1], so normal needs min >= 0 and max <= 1, got \(given("min", lo)) and \(given("max", hi))")
            default: break
            }
        case .choice(let values):
            guard !values.isEmpty else { throw ConfigError(path: "\(path).choice", problem: "must list at least one value") }
            try Self.check(values, constraint, path: "\(path).choice")
        case .array(let values):
            try Self.check(values, constraint, path: "\(path).array")
        case .file(let name):
            let values: [Double]
            do { values = try NpyArray.read(from: try existingFile(name, baseDirectory: baseDirectory, path: "\(path).file")).doubles() }
            catch let e as NpyError { throw ConfigError(path: "\(path).file", problem: e.description) }
            try Self.check(values, constraint, path: "\(path).file")
            return .array(values)
        }
        return self
    }

    static func check(_ values: [Double], _ c: ParameterSpec.Constraint, path: String) throws {
        for (i, x) in values.enumerated() {
            if let p = c.violation(x) { throw ConfigError(path: "\(path)[\(i)]", problem: p) }
        }
    }

    /// Checks that an array holds exactly `count` values (one per neuron or synapse).
    func requireCount(_ count: Int, path: String, of what: String) throws {
        if case .array(let values) = self, values.count != count {
            throw ConfigError(path: path, problem: "array has \(values.count) values, expected \(count) (one per \(what))")
        }
    }

    /// The value for element `index`, drawing from `stream` for random specs. Files must have been resolved.
    @inline(__always)
    func value(at index: Int, using stream: inout RandomStream) -> Double {
        switch self {
        case .constant(let x): return x
        case .uniform(let lo, let hi): return lo + (hi - lo) * stream.nextUniform()
        case .normal(let mean, let sd, let lo, let hi):
            // Redraw outside [min, max] (NEST normal_clipped); after 1000 misses the bound is taken so a
            // far-tail window cannot hang the build.
            for _ in 0..<1000 {
                let x = mean + sd * stream.nextNormal()
                if x >= lo && x <= hi { return x }
            }
            return Swift.min(Swift.max(mean, lo), hi)
        case .choice(let values): return values[stream.nextInt(below: values.count)]
        case .array(let values): return values[index]
        case .file: preconditionFailure("ValueSpec.file must be resolved before values are drawn")
        case .expression: preconditionFailure("ValueSpec.expression is evaluated per neuron (NeuronGroup.initialize)")
        }
    }
}

extension ValueSpec: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public init(floatLiteral value: Double) { self = .constant(value) }
    public init(integerLiteral value: Int) { self = .constant(Double(value)) }
}

/// A file name from a spec, resolved against `baseDirectory`; it must exist. Errors name `path`.
func existingFile(_ name: String, baseDirectory: URL, path: String) throws -> URL {
    let url = name.hasPrefix("/") ? URL(fileURLWithPath: name) : baseDirectory.appendingPathComponent(name)
    guard FileManager.default.fileExists(atPath: url.path) else { throw ConfigError(path: path, problem: "file not found: \(name)") }
    return url
}
