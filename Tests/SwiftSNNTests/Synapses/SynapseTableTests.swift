import Foundation
import Testing
@testable import SwiftSNN

/// `SynapseTable`: CSR layout, values matched to connections, delay conversion to steps and its limits, and the
/// distribution of random weights. Statistical bounds: see `SampleStatistics`.
@Suite struct SynapseTableTests {
    static let path = "projections[3]"

    static func table(_ connections: ConnectionList, sourceCount: Int, weight: ValueSpec = .constant(1),
                      delayMs: ValueSpec = .constant(1), dtMs: Double = 0.1, seed: UInt64 = 11) throws -> SynapseTable {
        try SynapseTable(connections: connections, sourceCount: sourceCount, weight: weight, delayMs: delayMs,
                         dtMs: dtMs, seed: seed, projectionIndex: 0, path: path)
    }

    /// Source and target of synapse k, read back from the CSR arrays.
    static func synapses(_ t: SynapseTable) -> [(source: Int, target: Int)] {
        (0..<t.sourceCount).flatMap { s in (Int(t.rowStart[s])..<Int(t.rowStart[s + 1])).map { (s, Int(t.target[$0])) } }
    }

    /// Connections given out of order (as explicit lists and fixed_indegree produce them) end up in rows by source,
    /// targets ascending within a row, with every connection kept once.
    @Test func rowsAreBySourceWithAscendingTargets() throws {
        let sources: [Int32] = [4, 0, 2, 4, 0, 4, 2, 0, 4]
        let targets: [Int32] = [3, 5, 1, 0, 2, 7, 1, 0, 3]
        let t = try Self.table(ConnectionList(sources: sources, targets: targets), sourceCount: 6)
        #expect(t.rowStart == [0, 3, 3, 5, 5, 9, 9])
        #expect(t.target == [0, 2, 5, 1, 1, 0, 3, 3, 7])
        #expect(t.count == 9 && t.sourceCount == 6)
    }

    /// Array-valued weights and delays belong to the connection at the same position of the list (its creation
    /// order); equal pairs (multapses) keep that order inside their row.
    @Test func arrayValuesFollowTheConnectionsCreationOrder() throws {
        let list = ConnectionList(sources: [2, 0, 2, 0, 1, 1, 1], targets: [1, 3, 0, 1, 2, 0, 2])
        let t = try Self.table(list, sourceCount: 3,
                               weight: .array([10, 20, 30, 40, 50, 60, 70]),
                               delayMs: .array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]))
        // Row 0: (0,1) is connection 3, (0,3) is 1. Row 1: (1,0) is 5, then the multapse (1,2) as 4 and 6.
        // Row 2: (2,0) is 2, (2,1) is 0.
        #expect(t.target == [1, 3, 0, 2, 2, 0, 1])
        #expect(t.weight == [40, 20, 60, 50, 70, 30, 10])
        #expect(t.delaySteps == [4, 2, 6, 5, 7, 3, 1])
        #expect(t.minDelaySteps == 1 && t.maxDelaySteps == 7)
    }

    @Test func arrayOfTheWrongLengthNamesTheSynapseKey() {
        let list = ConnectionList(sources: [0, 1], targets: [1, 0])
        let weight = #expect(throws: ConfigError.self) { try Self.table(list, sourceCount: 2, weight: .array([1, 2, 3])) }
        #expect(weight?.path == "\(Self.path).synapse.weight")
        let delay = #expect(throws: ConfigError.self) { try Self.table(list, sourceCount: 2, delayMs: .array([1])) }
        #expect(delay?.path == "\(Self.path).synapse.delay_ms")
    }

    /// Delays become round(d/dt) steps (ARCHITECTURE.md §7.4; NEST `Time::delay_ms_to_steps`), so 0.06 ms with
    /// dt = 0.1 ms is one step, as in NEST, which rounds before checking the delay against the resolution.
    @Test(arguments: [(1.0, 0.1, 10), (0.26, 0.1, 3), (0.14, 0.1, 1), (1.5, 0.1, 15), (0.06, 0.1, 1), (2.0, 0.25, 8),
                      (0.3, 0.25, 1)])
    func delayIsRoundedToWholeSteps(ms: Double, dtMs: Double, steps: Int) throws {
        let list = ConnectionList(sources: [0], targets: [0])
        let constant = try Self.table(list, sourceCount: 1, delayMs: .constant(ms), dtMs: dtMs)
        #expect(constant.delay(of: 0) == steps)
        #expect(constant.minDelaySteps == steps && constant.maxDelaySteps == steps)
        let array = try Self.table(list, sourceCount: 1, delayMs: .array([ms]), dtMs: dtMs)
        #expect(array.delay(of: 0) == steps)
    }

    /// A delay that rounds to zero steps is shorter than dt; NEST rejects it the same way
    /// (`DelayChecker::assert_valid_delay_ms`: "Delay must be greater than or equal to resolution").
    @Test(arguments: [ValueSpec.constant(0.04), .array([1, 0.04]), .uniform(low: 0.01, high: 0.04)])
    func delayBelowOneStepIsAnErrorAtDelayMs(delay: ValueSpec) {
        let list = ConnectionList(sources: [0, 1], targets: [1, 0])
        let error = #expect(throws: ConfigError.self) { try Self.table(list, sourceCount: 2, delayMs: delay, dtMs: 0.1) }
        #expect(error?.path == "\(Self.path).synapse.delay_ms")
    }

    /// Per-synapse delays are 16-bit step counts: 65535 steps is the longest (dt = 0.125 ms is exact in binary, so
    /// 8191.875 ms is exactly 65535 steps and 8192 ms exactly 65536).
    @Test func delayBeyondSixtyFiveThousandFiveHundredThirtyFiveStepsIsAnErrorAtDelayMs() throws {
        let list = ConnectionList(sources: [0], targets: [0])
        #expect(try Self.table(list, sourceCount: 1, delayMs: .constant(8191.875), dtMs: 0.125).delay(of: 0) == 65535)
        #expect(try Self.table(list, sourceCount: 1, delayMs: .array([8191.875]), dtMs: 0.125).delay(of: 0) == 65535)
        for delay in [ValueSpec.constant(8192), .array([8192])] {
            let error = #expect(throws: ConfigError.self) { try Self.table(list, sourceCount: 1, delayMs: delay, dtMs: 0.125) }
            #expect(error?.path == "\(Self.path).synapse.delay_ms")
        }
    }

    /// 20 000 synapses (all_to_all 100 × 200). U[−2, 6): mean 2, variance 64/12, fourth central moment 8⁴/80.
    @Test func uniformWeightsHaveTheUniformMeanAndVariance() throws {
        let list = try ConnectionFixture.generate(.allToAll, sources: 100, targets: 200)
        let t = try Self.table(list, sourceCount: 100, weight: .uniform(low: -2, high: 6))
        let w = t.weight.map(Double.init)
        #expect(w.allSatisfy { $0 >= -2 && $0 <= 6 })
        SampleStatistics.expectMoments(w, mean: 2, variance: 64.0 / 12, fourthCentralMoment: 4096.0 / 80, "uniform weights")
    }

    /// N(1.5, 0.5²): mean 1.5, variance 0.25, fourth central moment 3σ⁴.
    @Test func normalWeightsHaveTheNormalMeanAndVariance() throws {
        let list = try ConnectionFixture.generate(.allToAll, sources: 100, targets: 200)
        let t = try Self.table(list, sourceCount: 100, weight: .normal(mean: 1.5, sd: 0.5, min: -.infinity, max: .infinity))
        SampleStatistics.expectMoments(t.weight.map(Double.init), mean: 1.5, variance: 0.25,
                                       fourthCentralMoment: 3 * 0.0625, "normal weights")
    }

    /// Redrawing outside [min, max] (NEST normal_clipped) gives the normal distribution truncated to the window:
    /// with α = (min − μ)/σ, β = (max − μ)/σ and Z = Φ(β) − Φ(α), mean μ + σ(φ(α) − φ(β))/Z and variance
    /// σ²(1 + (αφ(α) − βφ(β))/Z − ((φ(α) − φ(β))/Z)²) (Johnson, Kotz & Balakrishnan, Continuous Univariate
    /// Distributions 1, §10.1).
    @Test func clippedNormalWeightsStayInTheWindowWithTheTruncatedMoments() throws {
        let (mu, sigma, lo, hi) = (1.5, 0.5, 1.0, 1.8)
        let list = try ConnectionFixture.generate(.allToAll, sources: 100, targets: 200)
        let t = try Self.table(list, sourceCount: 100, weight: .normal(mean: mu, sd: sigma, min: lo, max: hi))
        let w = t.weight.map(Double.init)
        #expect(w.allSatisfy { $0 >= Double(Float(lo)) && $0 <= Double(Float(hi)) })

        let a = (lo - mu) / sigma, b = (hi - mu) / sigma
        let z = SampleStatistics.normalCDF(b) - SampleStatistics.normalCDF(a)
        let pa = SampleStatistics.normalPDF(a), pb = SampleStatistics.normalPDF(b)
        let mean = mu + sigma * (pa - pb) / z
        let variance = sigma * sigma * (1 + (a * pa - b * pb) / z - ((pa - pb) / z) * ((pa - pb) / z))
        let n = Double(w.count)
        #expect(abs(SampleStatistics.mean(w) - mean) <= SampleStatistics.z * (variance / n).squareRoot(),
                "mean \(SampleStatistics.mean(w)), expected \(mean)")
        // The sample variance's standard error needs the fourth central moment, integrated from the truncated
        // density by Simpson's rule.
        let steps = 1000, h = (hi - lo) / Double(steps)
        let mu4 = (0...steps).reduce(0.0) { sum, i in
            let x = lo + Double(i) * h
            let weight = i == 0 || i == steps ? 1.0 : i % 2 == 1 ? 4.0 : 2.0
            return sum + weight * pow(x - mean, 4) * SampleStatistics.normalPDF((x - mu) / sigma) / (sigma * z)
        } * h / 3
        let varianceError = SampleStatistics.z * ((mu4 - variance * variance) / n).squareRoot()
        #expect(abs(SampleStatistics.variance(w) - variance) <= varianceError,
                "variance \(SampleStatistics.variance(w)), expected \(variance) ± \(varianceError)")
    }

    /// A window far in the tail, where redrawing would practically never succeed, still never yields a value
    /// outside it.
    @Test func clippedNormalWeightsStayInAFarTailWindow() throws {
        let list = try ConnectionFixture.generate(.allToAll, sources: 4, targets: 5)
        let t = try Self.table(list, sourceCount: 4, weight: .normal(mean: 0, sd: 1, min: 10, max: 11))
        #expect(t.weight.allSatisfy { $0 >= 10 && $0 <= 11 })
    }
}
