import Foundation

/// A parsed JSON document, kept as a tree so that every value can be reported with its JSON path.
public enum JSONValue: Sendable, Equatable {
    /// JSON null.
    case null
    /// true or false.
    case bool(Bool)
    /// A number (JSON has one number type).
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object; key order is not kept (the printer sorts keys).
    case object([String: JSONValue])

    /// Parses `data` strictly (`JSONParser`); a syntax error becomes a one-line `ConfigError` naming `file`,
    /// line and column.
    public static func parse(_ data: Data, file: String) throws -> JSONValue {
        var parser = JSONParser(Array(data), file: file)
        return try parser.parseDocument()
    }

    /// The value as an error message shows it after "got": its type, and its value when that is short.
    var described: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return "the number \(formatNumber(x))"
        case .string(let s): return s.count <= 40 && !s.contains(where: \.isNewline) ? "the string \"\(s)\"" : "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// Literals, so that generated documents (the config schema) read like the JSON they produce.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}
