import Foundation
import Testing
@testable import SwiftSNN

/// The first-crossing search of `ExponentialSum` on sums whose zeros are known in closed form: with u = e^{−x},
/// Σ_k c_k e^{−k x} is the polynomial Σ_k c_k u^k, so a polynomial with chosen roots u_i in (0, 1) gives zeros at
/// x_i = −ln u_i. The first crossing is the largest root u below 1.
@Suite struct ExponentialSumTests {
    /// f(x) = −Π(u − rᵢ) with u = e^{−x}, expanded into powers of u (rates 0, 1, 2, ...).
    static func sum(roots: [Double]) -> ExponentialSum {
        var coefficients = [-1.0]  // highest power first
        for r in roots {
            var next = coefficients + [0]
            for (i, c) in coefficients.enumerated() { next[i + 1] -= r * c }
            coefficients = next
        }
        var f = ExponentialSum()
        for (i, c) in coefficients.reversed().enumerated() { f.add(c, rate: Double(i)) }
        return f
    }

    @Test func crossingOfThreeRootSumIsItsFirstRoot() throws {
        let f = Self.sum(roots: [0.9, 0.5, 0.2])
        let x = try #require(f.firstCrossing())
        #expect(abs(x - -log(0.9)) < 1e-12)
    }

    /// f is positive only between u = 0.5 and u = 0.4999 (a bump 2e-4 ms wide): any search that samples f on a
    /// grid coarser than the bump misses it.
    @Test func briefExcursionAboveZeroIsFound() throws {
        let f = Self.sum(roots: [0.5, 0.4999, -1])
        let x = try #require(f.firstCrossing())
        #expect(abs(x - log(2)) < 1e-12)
    }

    /// The bump of u(1 − u) − c peaks at 1/4 at x = ln 2: for c just above 1/4 f never reaches zero.
    @Test(arguments: [(0.2, true), (0.25 - 1e-9, true), (0.25 + 1e-9, false)])
    func humpCrossesOnlyIfItsPeakReachesZero(offset: Double, crosses: Bool) throws {
        var f = ExponentialSum()
        f.add(-offset, rate: 0)
        f.add(1, rate: 1)
        f.add(-1, rate: 2)
        let x = f.firstCrossing()
        #expect((x != nil) == crosses)
        if let x {
            // u − u² = c at u = (1 + √(1 − 4c))/2, the root nearer to 1.
            let expected = -log((1 + (1 - 4 * offset).squareRoot()) / 2)
            #expect(abs(x - expected) < 1e-6, "crossing at \(x), expected \(expected)")
        }
    }

    @Test func sumThatStaysNegativeHasNoCrossing() {
        #expect(Self.sum(roots: [-0.5, -2, -3]).firstCrossing() == nil)
    }
}
