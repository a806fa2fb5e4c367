import Testing
@testable import SwiftSNN

/// pairwise_bernoulli connects each pair independently with probability p (NEST rule of the same name), so the
/// total count is Binomial(N_pairs, p), every out-degree Binomial(m, p) and every in-degree Binomial(n, p).
/// Bounds: see `SampleStatistics`.
@Suite struct PairwiseBernoulliTests {
    typealias Pair = ConnectionFixture.Pair
    static let sources = 10_000, targets = 200, p = 0.1

    /// 10 000 × 200 pairs at p = 0.1: total 200 000 ± 4·424, out-degrees Binomial(200, 0.1) with variance 18 checked
    /// to ± 1.0 (a Poisson out-degree, variance 20, would fail), in-degrees Binomial(10 000, 0.1).
    @Test func countsFollowTheBinomialDistribution() throws {
        let (n, m, p) = (Self.sources, Self.targets, Self.p)
        let list = try ConnectionFixture.generate(.pairwiseBernoulli(p: p), sources: n, targets: m)
        let pairs = Double(n * m)
        let sd = (pairs * p * (1 - p)).squareRoot()
        #expect(abs(Double(list.count) - pairs * p) <= SampleStatistics.z * sd, "total \(list.count)")
        #expect(Set(ConnectionFixture.pairs(list)).count == list.count, "each pair is tried once")

        // Binomial(m, p): mean mp, variance mpq, fourth central moment mpq(1 + 3(m − 2)pq).
        let q = 1 - p, mean = Double(m) * p, variance = Double(m) * p * q
        let outDegrees = ConnectionFixture.degrees(list, of: n, bySource: true).map(Double.init)
        SampleStatistics.expectMoments(outDegrees, mean: mean, variance: variance,
                                       fourthCentralMoment: variance * (1 + 3 * Double(m - 2) * p * q), "out-degree")

        // Every target equally likely: Σ (k_t − np)² / (npq) over the m in-degrees. The in-degrees sum to the
        // (random) total, so they are independent Binomial(n, p) and the sum is χ² with m degrees of freedom.
        let inDegrees = ConnectionFixture.degrees(list, of: m, bySource: false)
        let inMean = Double(n) * p, inVariance = Double(n) * p * q
        let statistic = inDegrees.reduce(0) { $0 + (Double($1) - inMean) * (Double($1) - inMean) / inVariance }
        SampleStatistics.expectChiSquare(statistic, degreesOfFreedom: m, "in-degrees")
    }

    @Test func probabilityZeroMakesNoConnection() throws {
        #expect(try ConnectionFixture.generate(.pairwiseBernoulli(p: 0), sources: 300, targets: 300).count == 0)
    }

    @Test func probabilityOneIsAllToAll() throws {
        let list = try ConnectionFixture.generate(.pairwiseBernoulli(p: 1), sources: 7, targets: 5)
        #expect(ConnectionFixture.pairs(list).sorted() == (0..<7).flatMap { s in (0..<5).map { Pair(source: s, target: $0) } })
        let noAutapses = try ConnectionFixture.generate(.pairwiseBernoulli(p: 1), sources: 6, targets: 6,
                                                        samePopulation: true, allowAutapses: false)
        #expect(ConnectionFixture.pairs(noAutapses).sorted()
                == (0..<6).flatMap { s in (0..<6).filter { $0 != s }.map { Pair(source: s, target: $0) } })
    }

    /// Without autapses only the n(n − 1) off-diagonal pairs are tried: no autapse, and the count is
    /// Binomial(n(n − 1), p).
    @Test func withoutAutapsesOntoItselfTheDiagonalIsNeverConnected() throws {
        let n = 400, p = 0.5
        let list = try ConnectionFixture.generate(.pairwiseBernoulli(p: p), sources: n, targets: n,
                                                  samePopulation: true, allowAutapses: false)
        #expect(ConnectionFixture.pairs(list).allSatisfy { $0.source != $0.target })
        let pairs = Double(n * (n - 1))
        #expect(abs(Double(list.count) - pairs * p) <= SampleStatistics.z * (pairs * p * (1 - p)).squareRoot(),
                "total \(list.count)")
    }

    /// A small p, where the geometric skip between connections is long (mean 1/p = 1000 candidates).
    @Test func smallProbabilityGivesTheBinomialTotal() throws {
        let n = 2_000, m = 5_000, p = 0.001
        let list = try ConnectionFixture.generate(.pairwiseBernoulli(p: p), sources: n, targets: m)
        let pairs = Double(n * m)
        #expect(abs(Double(list.count) - pairs * p) <= SampleStatistics.z * (pairs * p * (1 - p)).squareRoot(),
                "total \(list.count)")
    }
}
