import Foundation
import Testing
@testable import SwiftSNN

/// Streams with different keys must behave as independent generators: every neuron, synapse row and purpose
/// owns one, and many of them only ever draw a few numbers. Bounds: see `SampleStatistics`; the sample correlation
/// of n independent pairs has standard error 1/√n.
@Suite struct RandomStreamIndependenceTests {
    static let sampleSize = 100_000

    static func uniforms(_ stream: RandomStream, count: Int) -> [Double] {
        var rng = stream
        return (0..<count).map { _ in rng.nextUniform() }
    }

    /// Keys that differ in exactly one component: seed, purpose, first or second index.
    @Test(arguments: [
        (RandomStream(seed: 1, purpose: .weight, 3, 4), RandomStream(seed: 2, purpose: .weight, 3, 4)),
        (RandomStream(seed: 1, purpose: .weight, 3, 4), RandomStream(seed: 1, purpose: .delay, 3, 4)),
        (RandomStream(seed: 1, purpose: .weight, 3, 4), RandomStream(seed: 1, purpose: .weight, 4, 4)),
        (RandomStream(seed: 1, purpose: .weight, 3, 4), RandomStream(seed: 1, purpose: .weight, 3, 5)),
        (RandomStream(seed: 1, purpose: .weight, 3, 4), RandomStream(seed: 1, purpose: .weight, 4, 3)),
    ])
    func streamsWhoseKeysDifferInOneComponentAreUncorrelated(a: RandomStream, b: RandomStream) {
        let xs = Self.uniforms(a, count: Self.sampleSize), ys = Self.uniforms(b, count: Self.sampleSize)
        let r = SampleStatistics.correlation(xs, ys)
        #expect(abs(r) <= SampleStatistics.z / Double(Self.sampleSize).squareRoot(), "correlation \(r)")
        #expect(xs != ys)
    }

    /// Connectivity and weights use one stream per row and often draw only a handful of numbers from it, so the
    /// first draws of neighbouring rows must already be uniform and unrelated.
    @Test func firstDrawsOfConsecutiveRowsAreUniformAndUncorrelated() {
        let firsts = (0..<Self.sampleSize).map {
            Self.uniforms(RandomStream(seed: 7, purpose: .connectivity, 0, UInt64($0)), count: 1)[0]
        }
        var counts = [Int](repeating: 0, count: 20)
        for x in firsts { counts[Int(x * 20)] += 1 }
        SampleStatistics.expectChiSquare(
            SampleStatistics.pearson(observed: counts, expected: [Double](repeating: Double(Self.sampleSize) / 20, count: 20)),
            degreesOfFreedom: 19, "first draws of rows 0..<\(Self.sampleSize)")
        let r = SampleStatistics.correlation(Array(firsts.dropLast()), Array(firsts.dropFirst()))
        #expect(abs(r) <= SampleStatistics.z / Double(Self.sampleSize - 1).squareRoot(), "row-to-row correlation \(r)")
    }

    /// Lag-1 correlation inside one stream: consecutive outputs of xoshiro256++ must be unrelated.
    @Test func consecutiveDrawsOfOneStreamAreUncorrelated() {
        let xs = Self.uniforms(RandomStream(seed: 7, purpose: .bernoulli, 5), count: Self.sampleSize + 1)
        let r = SampleStatistics.correlation(Array(xs.dropLast()), Array(xs.dropFirst()))
        #expect(abs(r) <= SampleStatistics.z / Double(Self.sampleSize).squareRoot(), "lag-1 correlation \(r)")
    }
}
