import Foundation

/// A JSON value together with its path in the document, with typed accessors whose errors name that path.
///
/// Objects are read strictly: `object(allowed:)` rejects unknown keys, so a typo is an error, not a silent default.
public struct ConfigNode: Sendable {
    /// The JSON value.
    public var value: JSONValue
    /// Its JSON path from the document's root (`populations[1].params`).
    public var path: String
    /// Directory that relative file names in the config are resolved against.
    public var baseDirectory: URL

    /// A node for `value` found at `path` of a document whose files resolve against `baseDirectory`.
    public init(value: JSONValue, path: String, baseDirectory: URL) {
        self.value = value
        self.path = path
        self.baseDirectory = baseDirectory
    }

    /// A `ConfigError` at this node's path.
    public func error(_ problem: String) -> ConfigError { ConfigError(path: path, problem: problem) }

    private func typeError(_ expected: String) -> ConfigError {
        error("must be \(expected), got \(value.described)")
    }

    // MARK: objects

    func object(allowed: [String], required: [String] = []) throws -> [String: ConfigNode] {
        guard case .object(let dict) = value else { throw typeError("an object") }
        for key in dict.keys.sorted() where !allowed.contains(key) {
            throw ConfigError(path: child(key), problem: "unknown key\(suggestion(for: key, among: allowed)); allowed: \(allowed.sorted().joined(separator: ", "))")
        }
        for key in required where dict[key] == nil {
            throw ConfigError(path: child(key), problem: "is required")
        }
        var nodes: [String: ConfigNode] = [:]
        for (key, v) in dict { nodes[key] = ConfigNode(value: v, path: child(key), baseDirectory: baseDirectory) }
        return nodes
    }

    /// An object whose keys are free (model parameters, initial values), returned in sorted key order.
    func entries() throws -> [(key: String, node: ConfigNode)] {
        guard case .object(let dict) = value else { throw typeError("an object") }
        return dict.keys.sorted().map { key in
            (key, ConfigNode(value: dict[key]!, path: child(key), baseDirectory: baseDirectory))
        }
    }

    private func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    // MARK: scalars

    func number() throws -> Double {
        guard case .number(let x) = value else { throw typeError("a number") }
        guard x.isFinite else { throw error("must be a finite number, got \(formatNumber(x))") }
        return x
    }

    func number(_ constraint: ParameterSpec.Constraint) throws -> Double {
        let x = try number()
        if let problem = constraint.violation(x) { throw error(problem) }
        return x
    }

    func integer(min: Int = Int.min) throws -> Int {
        let x = try number()
        guard x == x.rounded(), abs(x) < 9e15 else { throw error("must be an integer, got \(formatNumber(x))") }
        guard Int(x) >= min else { throw error("must be >= \(min), got \(formatNumber(x))") }
        return Int(x)
    }

    func string() throws -> String {
        guard case .string(let s) = value else { throw typeError("a string") }
        return s
    }

    func bool() throws -> Bool {
        guard case .bool(let b) = value else { throw typeError("a boolean") }
        return b
    }

    func array() throws -> [ConfigNode] {
        guard case .array(let items) = value else { throw typeError("an array") }
        return items.enumerated().map {
            ConfigNode(value: $0.element, path: "\(path)[\($0.offset)]", baseDirectory: baseDirectory)
        }
    }

    func numbers() throws -> [Double] { try array().map { try $0.number() } }

    /// A file name relative to the config's directory; it must exist.
    func existingFile() throws -> URL {
        let name = try string()
        let url = name.hasPrefix("/") ? URL(fileURLWithPath: name) : baseDirectory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { throw error("file not found: \(name)") }
        return url
    }
}
