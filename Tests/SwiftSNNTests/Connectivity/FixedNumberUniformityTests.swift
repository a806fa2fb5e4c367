import Testing
@testable import SwiftSNN

/// The fixed-number rules must pick every candidate with the same probability (NEST draws sources, targets or pairs
/// uniformly). Chi-square tests with two-sided acceptance at tail probability 3·10⁻⁵ per side
/// (`SampleStatistics`): counts far from uniform fail, and so do counts too regular for random draws (e.g. a
/// round-robin choice).
@Suite struct FixedNumberUniformityTests {
    /// Rows (targets of fixed_indegree, sources of fixed_outdegree) that each draw K distinct candidates out of the
    /// same C with probability π = K/C each. A candidate's count O is a sum of independent Bernoulli(π) over rows,
    /// with variance e(1 − π) for mean e, and within a row two indicators have covariance −π(1 − π)/(C − 1), so the
    /// count vector has covariance e(1 − π)·C/(C − 1)·(I − J/C) and (C − 1)/C · Σ (O − e)² / (e(1 − π)) is χ² with
    /// C − 1 degrees of freedom. (Pearson's Σ (O − e)²/e assumes draws with replacement and would be too lenient by
    /// the factor 1 − π.)
    static func distinctDrawStatistic(counts: [Int], expected e: Double, probability pi: Double) -> Double {
        let c = Double(counts.count)
        return (c - 1) / c * counts.reduce(0) { $0 + (Double($1) - e) * (Double($1) - e) } / (e * (1 - pi))
    }

    /// 20 000 rows × K = 10 out of 50: 4000 expected per candidate (variance 3200); the acceptance range for 49
    /// degrees of freedom is ≈ [19, 99]. A candidate never chosen adds ≈ 4900; Floyd's algorithm with its draw off by
    /// one (0..<j instead of 0...j, which chooses the last K candidates ≈ 10 % less often) gives ≈ 430.
    @Test func fixedIndegreeWithoutMultapsesChoosesSourcesUniformly() throws {
        let list = try ConnectionFixture.generate(.fixedIndegree(k: 10), sources: 50, targets: 20_000, allowMultapses: false)
        let counts = ConnectionFixture.degrees(list, of: 50, bySource: true)
        SampleStatistics.expectChiSquare(Self.distinctDrawStatistic(counts: counts, expected: 4000, probability: 0.2),
                                         degreesOfFreedom: 49, "sources of fixed_indegree")
    }

    @Test func fixedOutdegreeWithoutMultapsesChoosesTargetsUniformly() throws {
        let list = try ConnectionFixture.generate(.fixedOutdegree(k: 10), sources: 20_000, targets: 50, allowMultapses: false)
        let counts = ConnectionFixture.degrees(list, of: 50, bySource: false)
        SampleStatistics.expectChiSquare(Self.distinctDrawStatistic(counts: counts, expected: 4000, probability: 0.2),
                                         degreesOfFreedom: 49, "targets of fixed_outdegree")
    }

    /// Without autapses each neuron of a population of n draws its K sources out of the n − 1 others. Over S seeds
    /// a source is chosen by each of the S(n − 1) other rows with probability π = K/(n − 1): e = SK. Two sources
    /// share S(n − 2) rows with covariance −π(1 − π)/(n − 2) each, which gives the covariance of
    /// `distinctDrawStatistic` with C = n counts. 400 seeds make 20 000 rows, as above.
    @Test func fixedIndegreeWithoutAutapsesChoosesTheOtherNeuronsUniformly() throws {
        let n = 50, k = 10, seeds = 400
        var counts = [Int](repeating: 0, count: n)
        for seed in 1...UInt64(seeds) {
            let list = try ConnectionFixture.generate(.fixedIndegree(k: k), sources: n, targets: n, samePopulation: true,
                                                      allowAutapses: false, allowMultapses: false, seed: seed)
            for (i, d) in ConnectionFixture.degrees(list, of: n, bySource: true).enumerated() { counts[i] += d }
        }
        let statistic = Self.distinctDrawStatistic(counts: counts, expected: Double(seeds * k),
                                                   probability: Double(k) / Double(n - 1))
        SampleStatistics.expectChiSquare(statistic, degreesOfFreedom: n - 1, "sources of fixed_indegree without autapses")
    }

    /// With multapses every draw is independent and uniform over the row's candidates: 20 expected per
    /// (source, target) cell.
    @Test(arguments: [false, true])
    func withMultapsesEveryPairIsEquallyLikely(indegree: Bool) throws {
        let s = 50, t = 40
        let list = indegree
            ? try ConnectionFixture.generate(.fixedIndegree(k: 1000), sources: s, targets: t)
            : try ConnectionFixture.generate(.fixedOutdegree(k: 800), sources: s, targets: t)
        var cells = [Int](repeating: 0, count: s * t)
        for pair in ConnectionFixture.pairs(list) { cells[pair.source * t + pair.target] += 1 }
        // Each row's K draws are independent and uniform, so Pearson's statistic over one row's cells is χ² with
        // (cells per row − 1) degrees of freedom; summed over the independent rows, S·T − rows.
        let rows = indegree ? t : s
        SampleStatistics.expectChiSquare(
            SampleStatistics.pearson(observed: cells, expected: [Double](repeating: 20, count: s * t)),
            degreesOfFreedom: s * t - rows, "pairs with multapses")
    }

    /// fixed_total_number with multapses: N pairs drawn independently and uniformly, 20 expected per cell.
    @Test func fixedTotalNumberWithMultapsesDrawsPairsUniformly() throws {
        let s = 50, t = 40
        let list = try ConnectionFixture.generate(.fixedTotalNumber(n: 20 * s * t), sources: s, targets: t)
        var cells = [Int](repeating: 0, count: s * t)
        for pair in ConnectionFixture.pairs(list) { cells[pair.source * t + pair.target] += 1 }
        SampleStatistics.expectChiSquare(
            SampleStatistics.pearson(observed: cells, expected: [Double](repeating: 20, count: s * t)),
            degreesOfFreedom: s * t - 1, "pairs of fixed_total_number")
    }

    /// Without multapses, N of the M = S·T pairs are a uniform random subset, so the source counts are multivariate
    /// hypergeometric: Pearson's statistic with the finite-population factor (M − N)/(M − 1) is χ² with S − 1
    /// degrees of freedom. 200 expected per source.
    @Test func fixedTotalNumberWithoutMultapsesChoosesSourcesUniformly() throws {
        let s = 50, t = 400, n = 10_000
        let list = try ConnectionFixture.generate(.fixedTotalNumber(n: n), sources: s, targets: t, allowMultapses: false)
        #expect(Set(ConnectionFixture.pairs(list)).count == n)
        let counts = ConnectionFixture.degrees(list, of: s, bySource: true)
        let e = Double(n) / Double(s), f = Double(s * t - n) / Double(s * t - 1)
        let statistic = counts.reduce(0) { $0 + (Double($1) - e) * (Double($1) - e) } / (e * f)
        SampleStatistics.expectChiSquare(statistic, degreesOfFreedom: s - 1, "sources of fixed_total_number")
    }
}
