import Foundation

/// Poisson variates with a fixed mean, with the sampler's constants computed once: inversion of a cumulative
/// table for means below 10 (one uniform per variate; the table stops where the remaining tail is below 2⁻⁵³,
/// so no representable uniform can reach it), PTRS (Hörmann 1993, "The transformed rejection method for
/// generating Poisson random variables") from 10 on.
public struct PoissonDistribution: Sendable {
    /// The mean count.
    public let mean: Double
    /// P(X ≤ k) for k = 0, 1, ...; empty for means of 10 and more.
    private let cumulative: [Double]
    /// For each of `guideBuckets` equal parts [b/m, (b+1)/m) of the uniform's range, the variate of u = b/m: where
    /// the search starts (Chen & Asau 1974's guide table), so it takes one or two steps instead of walking
    /// from 0 through branches the random u makes unpredictable.
    private let guide: [Int32]
    private static let guideBuckets = 64
    private let sqrtMean: Double, logMean: Double
    private let b: Double, a: Double, invAlpha: Double, vr: Double

    /// The largest mean a sampler takes: 10⁹ counts per draw is far past any physiological input, and keeps the
    /// counts PTRS computes in doubles exact integers, well inside `Int`.
    public static let maxMean = 1e9

    /// Counts with mean `mean`, in 0 ... `maxMean`.
    public init(mean: Double) {
        precondition((0...Self.maxMean).contains(mean), "Poisson mean \(mean) outside 0 ... \(Self.maxMean)")
        self.mean = mean
        var cumulative: [Double] = []
        if mean < 10 {
            // Terms from the recurrence p(k) = p(k−1)·mean/k; the sum is taken in increasing k, so the table is
            // the same on every machine.
            var term = exp(-mean), sum = term, k = 0.0
            cumulative.append(sum)
            while 1 - sum > 0x1p-53 && term > 0 {
                k += 1
                term *= mean / k
                sum += term
                cumulative.append(sum)
            }
        }
        self.cumulative = cumulative
        guide = cumulative.isEmpty ? [] : (0..<Self.guideBuckets).map { b in
            let u = Double(b) / Double(Self.guideBuckets)
            var k = 0
            while k < cumulative.count - 1 && u >= cumulative[k] { k += 1 }
            return Int32(k)
        }
        sqrtMean = mean.squareRoot()
        logMean = log(mean)
        b = 0.931 + 2.53 * sqrtMean
        a = -0.059 + 0.02483 * b
        invAlpha = 1.1239 + 1.1328 / (b - 3.4)
        vr = 0.9277 - 3.6224 / (b - 2)
    }

    /// One count drawn from `stream`.
    @inline(__always)
    public func sample(using stream: inout RandomStream) -> Int {
        if !cumulative.isEmpty {
            let u = stream.nextUniform()
            return cumulative.withUnsafeBufferPointer { table in
                var k = Int(guide[Int(u * Double(Self.guideBuckets))])
                while k < table.count - 1 && u >= table[k] { k += 1 }
                return k
            }
        }
        while true {
            let u = stream.nextUniform() - 0.5
            let v = stream.nextUniform()
            let us = 0.5 - abs(u)
            let k = floor((2 * a / us + b) * u + mean + 0.43)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if log(v) + log(invAlpha) - log(a / (us * us) + b) <= -mean + k * logMean - lgamma(k + 1) {
                return Int(k)
            }
        }
    }
}
