import Foundation

/// A per-neuron value as an arithmetic expression of `r`, a random number uniform in [0, 1) drawn once per neuron
/// and shared by every expression of the neuron's population — as in Izhikevich's (2003) heterogeneous network,
/// where one r per excitatory neuron sets both `c = −65 + 15 r²` and `d = 8 − 6 r²`.
///
/// Grammar: numbers, `r`, `+ - * /`, `^` (power, right-associative, binding tighter than unary minus, so
/// `-r^2` is −(r²)), parentheses and the functions `sqrt`, `exp`, `log`, `abs`. It is parsed when the spec is read,
/// so a syntax error names its JSON path and the column where it is.
public struct ValueExpression: Sendable, Equatable, CustomStringConvertible {
    /// The expression as written.
    public let source: String
    private let tree: Node

    indirect enum Node: Sendable, Equatable {
        case number(Double)
        case r
        case negate(Node)
        case binary(Character, Node, Node)
        case function(String, Node)
    }

    static let functions: [String: @Sendable (Double) -> Double] = [
        "sqrt": { $0.squareRoot() }, "exp": { Foundation.exp($0) }, "log": { Foundation.log($0) }, "abs": { Swift.abs($0) },
    ]

    /// Parses `source`; throws an `SNNError` naming the column of the first problem.
    public init(_ source: String) throws {
        var parser = Parser(Array(source))
        tree = try parser.parseWhole()
        self.source = source
    }

    public var description: String { source }

    public static func == (a: ValueExpression, b: ValueExpression) -> Bool { a.source == b.source }

    /// The value for a neuron whose random number is `r`.
    public func value(r: Double) -> Double { Self.evaluate(tree, r: r) }

    private static func evaluate(_ node: Node, r: Double) -> Double {
        switch node {
        case .number(let x): return x
        case .r: return r
        case .negate(let a): return -evaluate(a, r: r)
        case let .binary(op, a, b):
            let x = evaluate(a, r: r), y = evaluate(b, r: r)
            switch op {
            case "+": return x + y
            case "-": return x - y
            case "*": return x * y
            case "/": return x / y
            default: return pow(x, y)
            }
        case let .function(name, a): return functions[name]!(evaluate(a, r: r))
        }
    }

    /// Recursive descent: sum := product (('+' | '-') product)*; product := unary (('*' | '/') unary)*;
    /// unary := '-' unary | power; power := atom ('^' unary)?; atom := number | r | name '(' sum ')' | '(' sum ')'.
    private struct Parser {
        let text: [Character]
        var at = 0

        init(_ text: [Character]) { self.text = text }

        mutating func parseWhole() throws -> Node {
            let node = try sum()
            skipSpaces()
            if at < text.count { throw problem("unexpected '\(text[at])'") }
            return node
        }

        func problem(_ what: String) -> SNNError { SNNError("expression: \(what) at column \(at + 1)") }

        mutating func skipSpaces() { while at < text.count, text[at].isWhitespace { at += 1 } }

        mutating func take(_ c: Character) -> Bool {
            skipSpaces()
            guard at < text.count, text[at] == c else { return false }
            at += 1
            return true
        }

        mutating func sum() throws -> Node {
            var node = try product()
            while true {
                if take("+") { node = .binary("+", node, try product()) }
                else if take("-") { node = .binary("-", node, try product()) }
                else { return node }
            }
        }

        mutating func product() throws -> Node {
            var node = try unary()
            while true {
                if take("*") { node = .binary("*", node, try unary()) }
                else if take("/") { node = .binary("/", node, try unary()) }
                else { return node }
            }
        }

        mutating func unary() throws -> Node { take("-") ? .negate(try unary()) : try power() }

        mutating func power() throws -> Node {
            let base = try atom()
            return take("^") ? .binary("^", base, try unary()) : base
        }

        mutating func atom() throws -> Node {
            skipSpaces()
            guard at < text.count else { throw problem("expected a number, r, a function or '('") }
            if take("(") {
                let node = try sum()
                guard take(")") else { throw problem("expected ')'") }
                return node
            }
            let start = at
            if text[at].isNumber || text[at] == "." {
                while at < text.count, text[at].isNumber || text[at] == "." { at += 1 }
                if at < text.count, text[at] == "e" || text[at] == "E" {
                    at += 1
                    if at < text.count, text[at] == "+" || text[at] == "-" { at += 1 }
                    while at < text.count, text[at].isNumber { at += 1 }
                }
                let literal = String(text[start..<at])
                guard let x = Double(literal), x.isFinite else {
                    at = start
                    throw problem("malformed number '\(literal)'")
                }
                return .number(x)
            }
            while at < text.count, text[at].isLetter || text[at] == "_" { at += 1 }
            let name = String(text[start..<at])
            if name == "r" { return .r }
            guard !name.isEmpty else { throw problem("unexpected '\(text[at])'") }
            guard functions[name] != nil else {
                at = start
                throw problem("unknown name '\(name)' (known: r, \(functions.keys.sorted().joined(separator: ", ")))")
            }
            guard take("(") else { throw problem("expected '(' after \(name)") }
            let argument = try sum()
            guard take(")") else { throw problem("expected ')'") }
            return .function(name, argument)
        }
    }
}
