import Foundation
import Testing

/// Checks of random samples against the moments and probabilities of their analytic distribution.
///
/// Every bound is `z` standard errors (or the chi-square quantiles of the same tail probability) with z = 4:
/// two-sided P(|Z| > 4) ≈ 6·10⁻⁵ for one check. The tests use fixed seeds, so each outcome is deterministic; the
/// bound is chosen so that a correct generator with any other seed would still pass all of the ~55 statistical
/// checks in the Random, Connectivity and Synapses suites with probability ≈ 99.7 %, while a bias of more than a few
/// standard errors fails. Sample sizes are chosen per test so that the bias a plausible bug causes is many standard
/// errors.
enum SampleStatistics {
    static let z = 4.0

    static func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }

    /// Unbiased sample variance.
    static func variance(_ xs: [Double]) -> Double {
        let m = mean(xs)
        return xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)
    }

    /// Sample correlation coefficient; for independent samples its standard error is 1/√n.
    static func correlation(_ xs: [Double], _ ys: [Double]) -> Double {
        let mx = mean(xs), my = mean(ys)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (x, y) in zip(xs, ys) {
            sxy += (x - mx) * (y - my)
            sxx += (x - mx) * (x - mx)
            syy += (y - my) * (y - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }

    /// Expects the sample mean within z·σ/√n of `mean` and the sample variance within z·√((μ₄ − σ⁴)/n) of
    /// `variance`, the leading-order standard error of the sample variance of n independent draws.
    static func expectMoments(_ xs: [Double], mean expectedMean: Double, variance expectedVariance: Double,
                              fourthCentralMoment mu4: Double, _ what: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let n = Double(xs.count)
        let m = mean(xs), v = variance(xs)
        let meanError = z * (expectedVariance / n).squareRoot()
        let varianceError = z * ((mu4 - expectedVariance * expectedVariance) / n).squareRoot()
        #expect(abs(m - expectedMean) <= meanError,
                "\(what): mean \(m), expected \(expectedMean) ± \(meanError)", sourceLocation: sourceLocation)
        #expect(abs(v - expectedVariance) <= varianceError,
                "\(what): variance \(v), expected \(expectedVariance) ± \(varianceError)", sourceLocation: sourceLocation)
    }

    /// Pearson's statistic Σ (O − E)² / E.
    static func pearson(observed: [Int], expected: [Double]) -> Double {
        zip(observed, expected).reduce(0) { $0 + (Double($1.0) - $1.1) * (Double($1.0) - $1.1) / $1.1 }
    }

    /// The chi-square quantiles with tail probability P(Z > z) on each side, by the Wilson–Hilferty approximation
    /// χ²ₖ ≈ k(1 − 2/(9k) ± z√(2/(9k)))³ (Abramowitz & Stegun 26.4.17). The lower end is 0 when k is too small
    /// for a lower tail at that probability.
    static func chiSquareAcceptance(degreesOfFreedom k: Int) -> ClosedRange<Double> {
        let a = 2 / (9 * Double(k)), c = Double(k)
        let low = max(0, 1 - a - z * a.squareRoot())
        return c * low * low * low...c * pow(1 - a + z * a.squareRoot(), 3)
    }

    /// Expects `statistic` (approximately χ² with k degrees of freedom under the hypothesis) inside the acceptance
    /// range: too large means the counts deviate from the expected ones, too small means they are more regular
    /// than independent random draws can be.
    static func expectChiSquare(_ statistic: Double, degreesOfFreedom k: Int, _ what: String,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        let range = chiSquareAcceptance(degreesOfFreedom: k)
        #expect(range.contains(statistic),
                "\(what): chi-square \(statistic) with \(k) degrees of freedom outside \(range)", sourceLocation: sourceLocation)
    }

    /// Standard normal distribution function Φ.
    static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// Standard normal density φ.
    static func normalPDF(_ x: Double) -> Double { exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
}
