import Foundation

/// How a per-neuron or per-synapse quantity (initial V_m, weight, delay) is given in a config:
/// a number, `{"uniform": [low, high]}`, `{"normal": [mean, sd]}` (optionally `"min"`/`"max"`: values outside are
/// redrawn, as NEST's `normal_clipped`), `{"array": [...]}` or `{"file": "values.npy"}` (one value per element).
public enum ValueSpec: Sendable, Equatable {
    case constant(Double)
    case uniform(low: Double, high: Double)
    case normal(mean: Double, sd: Double, min: Double, max: Double)
    case array([Double])

    /// Parses a value; `constraint` applies to constants, to bounds of distributions and to array elements.
    public init(_ node: ConfigNode, constraint: ParameterSpec.Constraint = .any) throws {
        if case .number = node.value {
            self = .constant(try node.number(constraint))
            return
        }
        let fields = try node.object(allowed: ["uniform", "normal", "min", "max", "array", "file"])
        let kinds = ["uniform", "normal", "array", "file"].filter { fields[$0] != nil }
        guard kinds.count == 1 else {
            throw node.error("must be a number or an object with exactly one of uniform, normal, array, file")
        }
        if fields["min"] != nil || fields["max"] != nil, kinds[0] != "normal" {
            throw node.error("min/max are only allowed with normal")
        }
        switch kinds[0] {
        case "uniform":
            let bounds = try Self.pair(fields["uniform"]!)
            for (i, b) in bounds.enumerated() {
                if let p = constraint.violation(b) { throw ConfigError(path: "\(fields["uniform"]!.path)[\(i)]", problem: p) }
            }
            guard bounds[0] <= bounds[1] else { throw fields["uniform"]!.error("low must be <= high, got [\(formatNumber(bounds[0])), \(formatNumber(bounds[1]))]") }
            self = .uniform(low: bounds[0], high: bounds[1])
        case "normal":
            let p = try Self.pair(fields["normal"]!)
            guard p[1] >= 0 else { throw ConfigError(path: "\(fields["normal"]!.path)[1]", problem: "sd must be >= 0, got \(formatNumber(p[1]))") }
            let lo = try fields["min"]?.number() ?? -.infinity
            let hi = try fields["max"]?.number() ?? .infinity
            guard lo < hi || (lo == hi && lo == p[0]) else { throw node.error("min must be < max") }
            let given = { (key: String, x: Double) in fields[key] == nil ? "no \(key)" : "\(key) \(formatNumber(x))" }
            switch constraint {
            case .positive where lo <= 0:
                throw node.error("values must be > 0, so normal needs min > 0, got \(given("min", lo))")
            case .nonNegative where lo < 0:
                throw node.error("values must be >= 0, so normal needs min >= 0, got \(given("min", lo))")
            case .probability where lo < 0 || hi > 1:
                throw node.error("values must be in [0, 1], so normal needs min >= 0 and max <= 1, got \(given("min", lo)) and \(given("max", hi))")
            default: break
            }
            self = .normal(mean: p[0], sd: p[1], min: lo, max: hi)
        case "array":
            self = .array(try Self.checked(fields["array"]!.numbers(), constraint, path: fields["array"]!.path))
        default:
            let url = try fields["file"]!.existingFile()
            let values: [Double]
            do { values = try NpyArray.read(from: url).doubles() } catch let e as NpyError {
                throw fields["file"]!.error(e.description)
            }
            self = .array(try Self.checked(values, constraint, path: fields["file"]!.path))
        }
    }

    private static func pair(_ node: ConfigNode) throws -> [Double] {
        let values = try node.numbers()
        guard values.count == 2 else { throw node.error("must be an array of 2 numbers, got \(values.count)") }
        return values
    }

    private static func checked(_ values: [Double], _ c: ParameterSpec.Constraint, path: String) throws -> [Double] {
        for (i, x) in values.enumerated() {
            if let p = c.violation(x) { throw ConfigError(path: "\(path)[\(i)]", problem: p) }
        }
        return values
    }

    /// Checks that an array holds exactly `count` values (one per neuron or synapse).
    func requireCount(_ count: Int, path: String, of what: String) throws {
        if case .array(let values) = self, values.count != count {
            throw ConfigError(path: path, problem: "array has \(values.count) values, expected \(count) (one per \(what))")
        }
    }

    /// The value for element `index`, drawing from `stream` for random specs.
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
        case .array(let values): return values[index]
        }
    }
}
