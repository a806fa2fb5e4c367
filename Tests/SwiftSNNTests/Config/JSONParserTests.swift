import Foundation
import Testing
@testable import SwiftSNN

/// The config reader follows RFC 8259 strictly: the expected values below are what the RFC's grammar and
/// examples define, and syntax error positions are the line and column Python's `json` module reports.
@Suite struct JSONParserTests {
    static func parse(_ text: String) throws -> JSONValue { try JSONValue.parse(Data(text.utf8), file: "t.json") }

    static func error(_ text: String) -> String? {
        do { _ = try parse(text) } catch { return "\(error)" }
        return nil
    }

    @Test func valuesOfEveryKindParseAsTheGrammarDefines() throws {
        let text = #" {"a": [1, -0.5, 2e3, 1E-2, true, false, null], "b": {"c": "x"}, "d": [], "e": {}} "#
        #expect(try Self.parse(text) == .object([
            "a": [1, .number(-0.5), 2000, .number(0.01), true, false, .null],
            "b": .object(["c": "x"]), "d": [], "e": .object([:]),
        ]))
    }

    /// RFC 8259 §7: the escapes, and "\uD834\uDD1E" is the G clef U+1D11E written as a surrogate pair.
    @Test func stringEscapesDecodeToTheirCharacters() throws {
        #expect(try Self.parse(#""\"\\\/\b\f\n\r\t\u00e9\uD834\uDD1E""#) == .string("\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{1D11E}"))
        #expect(try Self.parse("\"größe\"") == .string("größe"))
    }

    @Test(arguments: [
        // (text, expected error); positions as Python's json reports them for the same text.
        ("{\"a\": 1,}", "t.json: invalid JSON at line 1, column 9: trailing comma before '}'"),
        ("[1, 2,]", "t.json: invalid JSON at line 1, column 7: trailing comma before ']'"),
        ("{\"a\" 1}", "t.json: invalid JSON at line 1, column 6: expected ':' after the key \"a\", got '1'"),
        ("{\n\"a\": [1\n 2]}", "t.json: invalid JSON at line 3, column 2: expected ',' or ']', got '2'"),
        ("{'a': 1}", "t.json: invalid JSON at line 1, column 2: expected a key in double quotes, got \"'\""),
        ("[1] [2]", "t.json: invalid JSON at line 1, column 5: unexpected '[' after the end of the document"),
        ("\"abc", "t.json: invalid JSON at line 1, column 1: unterminated string"),
        ("[\"é\", x]", "t.json: invalid JSON at line 1, column 7: expected a value, got 'x'"),
        // Grammar rules Python's json relaxes, positions counted by hand.
        ("[01]", "t.json: invalid JSON at line 1, column 2: a number must not have leading zeros"),
        ("[Infinity]", "t.json: invalid JSON at line 1, column 2: expected a value, got 'Infinity'"),
        ("[1.]", "t.json: invalid JSON at line 1, column 4: expected a digit after '.', got ']'"),
    ])
    func syntaxErrorNamesLineColumnAndProblem(text: String, expected: String) {
        #expect(Self.error(text) == expected)
    }

    /// RFC 8259 §8.1: JSON text is UTF-8. A lone continuation byte (0x80) or a truncated sequence (0xC3) inside a
    /// string is an error where it starts, not a U+FFFD that could make two populations' names one.
    @Test(arguments: [[0x80], [0xC3], [0xED, 0xA0, 0x80]] as [[UInt8]])
    func invalidUTF8InAStringIsAnError(bytes: [UInt8]) {
        let text = Array(#"{"name": "a"#.utf8) + bytes + Array(#""}"#.utf8)
        var message: String?
        do { _ = try JSONValue.parse(Data(text), file: "t.json") } catch { message = "\(error)" }
        #expect(message == "t.json: invalid JSON at line 1, column 10: invalid UTF-8 in a string")
    }

    /// RFC 8259 §4 leaves duplicate names undefined; a config reader that kept one silently would hide a typo.
    @Test func duplicateKeyIsAnErrorAtItsPath() {
        #expect(Self.error(#"{"a": {"b": 1, "b": 2}}"#) == "a.b: duplicate key")
    }

    /// RFC 8259 §6: a number like 1E400 is valid syntax but outside the range of a double.
    @Test func numberBeyondDoubleRangeIsAnErrorAtItsPath() {
        #expect(Self.error(#"{"a": [0, -1E400]}"#) == "a[1]: must be a finite number, got -1E400, which is out of range for a double")
    }

    @Test func deepNestingIsRefusedInsteadOfOverflowingTheStack() {
        #expect(Self.error(String(repeating: "[", count: 100_000))?.contains("nested more than 512 levels deep") == true)
    }
}
