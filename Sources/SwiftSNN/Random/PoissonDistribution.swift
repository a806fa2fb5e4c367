import Foundation

/// Poisson variates with a fixed mean, with the sampler's constants computed once: the multiplication method for
/// means below 10, PTRS (Hörmann 1993, "The transformed rejection method for generating Poisson random
/// variables") from 10 on.
public struct PoissonDistribution: Sendable {
    public let mean: Double
    private let expNegativeMean: Double
    private let sqrtMean: Double, logMean: Double
    private let b: Double, a: Double, invAlpha: Double, vr: Double

    public init(mean: Double) {
        self.mean = mean
        expNegativeMean = exp(-mean)
        sqrtMean = mean.squareRoot()
        logMean = log(mean)
        b = 0.931 + 2.53 * sqrtMean
        a = -0.059 + 0.02483 * b
        invAlpha = 1.1239 + 1.1328 / (b - 3.4)
        vr = 0.9277 - 3.6224 / (b - 2)
    }

    @inline(__always)
    public func sample(using stream: inout RandomStream) -> Int {
        if mean < 10 {
            var k = 0
            var p = stream.nextUniform()
            while p > expNegativeMean {
                k += 1
                p *= stream.nextUniform()
            }
            return k
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
