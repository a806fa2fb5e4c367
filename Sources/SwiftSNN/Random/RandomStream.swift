import Foundation

/// An independent random stream identified by a key, so that every consumer (a neuron, a synapse, a
/// connectivity row) owns its numbers and results never depend on thread count or call order
/// (Arbor network.cpp keyed streams; DEVELOPERS.md determinism rule).
///
/// Generator: xoshiro256++ (Blackman & Vigna 2019), seeded by running SplitMix64 over a hash of the key.
/// The conversions to uniform, normal and Poisson variates are our own, so results do not change with the
/// standard library's unspecified `random(in:)` algorithms.
public struct RandomStream: RandomNumberGenerator, Sendable, BitwiseCopyable {
    /// What a stream is used for: part of its key, so e.g. weights and connectivity of one row never share numbers.
    public enum Purpose: UInt64, Sendable {
        /// Which pairs a connection rule connects.
        case connectivity = 1
        /// Drawn weights.
        case weight = 2
        /// Drawn delays.
        case delay = 3
        /// Drawn initial values.
        case initialState = 4
        /// Poisson input counts.
        case poisson = 5
        /// Bernoulli input draws.
        case bernoulli = 6
        /// Which neurons a modulator listens to (an astrocyte's sparse mask).
        case modulatorInput = 7
        /// The astrocytes of a projection's third factor.
        case thirdFactor = 8
        /// Which grid point each neuron of a layout takes.
        case layout = 9
        /// Each neuron's r, which the population's expressions read (`ValueExpression`).
        case neuronRandom = 10
    }

    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A key for the streams of what a spec names (a population): the 64-bit FNV-1a hash of the name's UTF-8,
    /// so that its numbers do not change when the spec lists it elsewhere. Names are unique in a spec.
    public static func key(_ name: String) -> UInt64 {
        name.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01B3 }
    }

    /// The stream of (seed, purpose, a, b): a and b are the consumer's key (a projection and a row, a population and a neuron).
    public init(seed: UInt64, purpose: Purpose, _ a: UInt64, _ b: UInt64 = 0) {
        var h = Self.mix(seed &+ 0x9E37_79B9_7F4A_7C15)
        h = Self.mix(h ^ purpose.rawValue &* 0xD1B5_4A32_D192_ED03)
        h = Self.mix(h ^ a &* 0x8CB9_2BA7_2F3D_8DD7)
        h = Self.mix(h ^ b &* 0xC2B2_AE3D_27D4_EB4F)
        var sm = h
        s0 = Self.splitMix(&sm); s1 = Self.splitMix(&sm); s2 = Self.splitMix(&sm); s3 = Self.splitMix(&sm)
    }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return mix(state)
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s0 &+ s3) << 23 | (s0 &+ s3) >> 41) &+ s0
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func nextUniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform integer in 0..<n (Lemire's multiply-shift with rejection, unbiased).
    @inline(__always)
    public mutating func nextInt(below n: Int) -> Int {
        precondition(n > 0)
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// Standard normal variate (Box–Muller; the second value of the pair is not kept, so the stream stays stateless
    /// beyond the generator).
    public mutating func nextNormal() -> Double {
        let u1 = 1.0 - nextUniform()   // (0, 1]
        let u2 = nextUniform()
        return (-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Poisson variate with mean `lambda` (see `PoissonDistribution`, which keeps its constants for repeated draws).
    public mutating func nextPoisson(_ lambda: Double) -> Int { PoissonDistribution(mean: lambda).sample(using: &self) }
}
