import Foundation

/// Pretty printing with sorted keys and two-space indentation (the layout of Python's
/// `json.dumps(indent=2, sort_keys=True)`).
extension JSONValue {
    /// The document as text, every key sorted, so generated files diff cleanly.
    public var prettyPrinted: String { Self.print(self) }

    private static func print(_ value: JSONValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return formatNumber(x)
        case .string(let s): return quoted(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + print($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let dict):
            if dict.isEmpty { return "{}" }
            return "{\n" + dict.keys.sorted().map { "\(inner)\(quoted($0)): \(print(dict[$0]!, indent: inner))" }
                .joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += "\\u" + String(format: "%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
