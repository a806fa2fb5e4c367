/// A strict RFC 8259 reader for config files.
///
/// Foundation's reader accepts trailing commas, keeps one of two duplicate keys silently, reports syntax errors by
/// byte offset and turns `1e999` into a misleading type error. This one rejects all of these, and says where:
/// syntax errors by line and column, duplicate keys and out-of-range numbers by JSON path.
struct JSONParser {
    private let bytes: [UInt8]
    private let file: String
    private var position = 0
    private var depth = 0

    /// Deeper documents are refused rather than risking the stack; configs nest five levels.
    private static let maxDepth = 512

    init(_ bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    mutating func parseDocument() throws -> JSONValue {
        skipWhitespace()
        let value = try parseValue(path: "")
        skipWhitespace()
        if position < bytes.count { throw syntaxError("unexpected \(found) after the end of the document") }
        return value
    }

    // MARK: values

    private mutating func parseValue(path: String) throws -> JSONValue {
        guard position < bytes.count else { throw syntaxError("expected a value, got the end of the file") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try nested { try $0.parseObject(path: path) }
        case UInt8(ascii: "["): return try nested { try $0.parseArray(path: path) }
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber(path: path)
        default: throw syntaxError("expected a value, got \(found)")
        }
    }

    private mutating func nested(_ parse: (inout JSONParser) throws -> JSONValue) throws -> JSONValue {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw syntaxError("nested more than \(Self.maxDepth) levels deep") }
        return try parse(&self)
    }

    private mutating func parseObject(path: String) throws -> JSONValue {
        position += 1
        var dict: [String: JSONValue] = [:]
        skipWhitespace()
        if consume("}") { return .object(dict) }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw syntaxError(peek("}") ? "trailing comma before '}'" : "expected a key in double quotes, got \(found)")
            }
            let key = try parseString()
            let child = path.isEmpty ? key : "\(path).\(key)"
            skipWhitespace()
            guard consume(":") else { throw syntaxError("expected ':' after the key \"\(key)\", got \(found)") }
            skipWhitespace()
            let value = try parseValue(path: child)
            guard dict.updateValue(value, forKey: key) == nil else {
                throw ConfigError(path: child, problem: "duplicate key")
            }
            skipWhitespace()
            if consume("}") { return .object(dict) }
            guard consume(",") else { throw syntaxError("expected ',' or '}', got \(found)") }
        }
    }

    private mutating func parseArray(path: String) throws -> JSONValue {
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if consume("]") { return .array(items) }
        while true {
            skipWhitespace()
            if peek("]") { throw syntaxError("trailing comma before ']'") }
            items.append(try parseValue(path: "\(path)[\(items.count)]"))
            skipWhitespace()
            if consume("]") { return .array(items) }
            guard consume(",") else { throw syntaxError("expected ',' or ']', got \(found)") }
        }
    }

    private mutating func parseLiteral(_ word: String, _ value: JSONValue) throws -> JSONValue {
        let utf8 = Array(word.utf8)
        guard bytes.count - position >= utf8.count, Array(bytes[position..<position + utf8.count]) == utf8 else {
            throw syntaxError("expected a value, got \(found)")
        }
        position += utf8.count
        return value
    }

    /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`, read with `Double(_:)` (correctly rounded).
    private mutating func parseNumber(path: String) throws -> JSONValue {
        let start = position
        _ = consume("-")
        if consume("0") {
            if digitCount() > 0 { throw syntaxError("a number must not have leading zeros", at: start) }
        } else if digitCount() == 0 {
            throw syntaxError("expected a digit, got \(found)")
        }
        if consume("."), digitCount() == 0 { throw syntaxError("expected a digit after '.', got \(found)") }
        if consume("e") || consume("E") {
            if !consume("+") { _ = consume("-") }
            if digitCount() == 0 { throw syntaxError("expected a digit in the exponent, got \(found)") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let x = Double(text), x.isFinite else {
            throw ConfigError(path: path.isEmpty ? file : path,
                              problem: "must be a finite number, got \(text), which is out of range for a double")
        }
        return .number(x)
    }

    private mutating func digitCount() -> Int {
        let start = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
        return position - start
    }

    private mutating func parseString() throws -> String {
        let start = position
        position += 1
        var out: [UInt8] = []
        while true {
            guard position < bytes.count else { throw syntaxError("unterminated string", at: start) }
            let b = bytes[position]
            position += 1
            switch b {
            case UInt8(ascii: "\""):
                // Decoding would replace invalid bytes with U+FFFD, and two different names could become one.
                guard let text = String(validating: out, as: UTF8.self) else {
                    throw syntaxError("invalid UTF-8 in a string", at: start)
                }
                return text
            case UInt8(ascii: "\\"):
                try parseEscape(into: &out)
            case 0..<0x20:
                position -= 1
                throw syntaxError("control character in a string (write \\n, \\t, ...)")
            default:
                out.append(b)
            }
        }
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws {
        guard position < bytes.count else { throw syntaxError("unterminated string") }
        let b = bytes[position]
        position += 1
        let simple: [UInt8: String] = [UInt8(ascii: "\""): "\"", UInt8(ascii: "\\"): "\\", UInt8(ascii: "/"): "/",
                                       UInt8(ascii: "b"): "\u{8}", UInt8(ascii: "f"): "\u{c}", UInt8(ascii: "n"): "\n",
                                       UInt8(ascii: "r"): "\r", UInt8(ascii: "t"): "\t"]
        if let s = simple[b] {
            out += Array(s.utf8)
            return
        }
        guard b == UInt8(ascii: "u") else {
            position -= 2
            throw syntaxError("invalid escape \\\(String(decoding: [b], as: UTF8.self)) in a string")
        }
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar), bytes[position...].starts(with: Array("\\u".utf8)) {
            position += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw syntaxError("invalid surrogate pair in a string") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        out += Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
    }

    private mutating func hex4() throws -> UInt32 {
        guard bytes.count - position >= 4,
              let v = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16) else {
            throw syntaxError("expected 4 hex digits after \\u")
        }
        position += 4
        return v
    }

    // MARK: helpers

    private mutating func skipWhitespace() {
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
    }

    private func peek(_ c: Unicode.Scalar) -> Bool { position < bytes.count && bytes[position] == UInt8(ascii: c) }

    private mutating func consume(_ c: Unicode.Scalar) -> Bool {
        guard peek(c) else { return false }
        position += 1
        return true
    }

    /// The character at the current position, for messages.
    private var found: String {
        guard position < bytes.count else { return "the end of the file" }
        let isWordByte = { (b: UInt8) in b == UInt8(ascii: "_") || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z")) }
        if isWordByte(bytes[position]) {
            let word = bytes[position...].prefix { isWordByte($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            return "'\(String(decoding: word, as: UTF8.self))'"
        }
        let b = bytes[position]
        if b == UInt8(ascii: "'") { return "\"'\"" }
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x\(String(b, radix: 16, uppercase: true))"
    }

    private func syntaxError(_ problem: String, at offset: Int? = nil) -> ConfigError {
        let offset = min(offset ?? position, bytes.count)
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        // Columns count characters, not bytes: UTF-8 continuation bytes (10xxxxxx) do not start one.
        let column = bytes[lineStart..<offset].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return ConfigError(path: file, problem: "invalid JSON at line \(line), column \(column): \(problem)")
    }
}
