import Foundation
import Testing
@testable import SwiftSNN

/// `ValueExpression` against the same arithmetic written in Swift: precedence and associativity as in
/// mathematics (and Python's `**`, whose `-r**2` is −(r²) and `2**3**2` is 2⁹), the functions, and errors.
@Suite struct ValueExpressionTests {
    static let rs = [0, 0.25, 0.5, 0.999]

    @Test func expressionMatchesTheSameArithmeticInSwift() throws {
        let cases: [(String, (Double) -> Double)] = [
        ("-65 + 15*r^2", { (r: Double) in -65 + 15 * r * r }),
        ("8 - 6*r^2", { r in 8 - 6 * r * r }),
        ("0.02 + 0.08*r", { r in 0.02 + 0.08 * r }),
        ("-r^2", { r in -(r * r) }),
        ("2^3^2", { _ in 512 }),
        ("1 - 2 - 3", { _ in -4 }),
        ("12 / 3 / 2", { _ in 2 }),
        ("(1 + r) * (1 - r)", { r in 1 - r * r }),
        ("2^-1 * r", { r in 0.5 * r }),
        ("sqrt(r) + exp(-r) - log(1 + r) + abs(r - 0.5)", { r in r.squareRoot() + exp(-r) - log(1 + r) + abs(r - 0.5) }),
        ("1.5e2 * r", { r in 150 * r }),
        ]
        for (source, reference) in cases {
            let e = try ValueExpression(source)
            for r in Self.rs {
                #expect(abs(e.value(r: r) - reference(r)) <= 1e-12 * max(1, abs(reference(r))), "\(source) at r = \(r)")
            }
        }
    }

    @Test(arguments: [
        ("", "expression: expected a number, r, a function or '(' at column 1"),
        ("r +", "expression: expected a number, r, a function or '(' at column 4"),
        ("r r", "expression: unexpected 'r' at column 3"),
        ("sqrt r", "expression: expected '(' after sqrt at column 6"),
        ("1..2", "expression: malformed number '1..2' at column 1"),
        ("r % 2", "expression: unexpected '%' at column 3"),
    ])
    func malformedExpressionIsRefusedWithItsColumn(source: String, error: String) {
        #expect(throws: SNNError(error)) { try ValueExpression(source) }
    }
}
