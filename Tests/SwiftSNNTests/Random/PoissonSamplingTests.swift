import Foundation
import Testing
@testable import SwiftSNN

/// `nextPoisson` against the Poisson distribution, on both sides of the switch from the multiplication method
/// (λ < 10) to PTRS (λ ≥ 10). Bounds: see `SampleStatistics`.
@Suite struct PoissonSamplingTests {
    /// With 100 000 draws the standard error of the mean is √(λ/n) = 0.3 % of σ; at λ = 0.002 that still leaves
    /// ≈ 200 events, so the mean is checked to ±28 %.
    static let sampleSize = 100_000

    /// P(X = k) = e^(−λ) λ^k / k!.
    static func pmf(_ k: Int, _ lambda: Double) -> Double {
        exp(-lambda + Double(k) * log(lambda) - lgamma(Double(k + 1)))
    }

    @Test(arguments: [0.002, 2, 9.9, 10, 50, 1000])
    func nextPoissonMatchesThePoissonDistribution(lambda: Double) {
        var rng = RandomStream(seed: 99, purpose: .poisson, UInt64(lambda * 1000))
        let ks = (0..<Self.sampleSize).map { _ in rng.nextPoisson(lambda) }
        #expect(ks.allSatisfy { $0 >= 0 })
        // Poisson(λ): mean λ, variance λ, fourth central moment λ(1 + 3λ).
        SampleStatistics.expectMoments(ks.map(Double.init), mean: lambda, variance: lambda,
                                       fourthCentralMoment: lambda * (1 + 3 * lambda), "Poisson(\(lambda))")

        // Pearson's test over the values whose expected count is at least 5 (a contiguous range, the pmf being
        // unimodal), each tail pooled into the bin at its end.
        let n = Double(Self.sampleSize)
        let kept = (0...Int(lambda + 10 * lambda.squareRoot() + 10)).filter { n * Self.pmf($0, lambda) >= 5 }
        let low = kept.first!, high = kept.last!
        var expected = (low...high).map { n * Self.pmf($0, lambda) }
        expected[0] += n * (0..<low).reduce(0) { $0 + Self.pmf($1, lambda) }
        expected[expected.count - 1] = n - expected.dropLast().reduce(0, +)
        var observed = [Int](repeating: 0, count: expected.count)
        for k in ks { observed[min(max(k, low), high) - low] += 1 }
        SampleStatistics.expectChiSquare(
            SampleStatistics.pearson(observed: observed, expected: expected),
            degreesOfFreedom: expected.count - 1, "Poisson(\(lambda)) probabilities")
    }
}
