import Foundation

/// f(x) = Σ cᵢ·e^{−λᵢx} with rates λᵢ ≥ 0 and at most four terms: how far an LIF membrane with exponential
/// currents is from threshold, x ms after its last input. Its first zero is the neuron's next spike time.
///
/// Method (root isolation, then a guaranteed bracket): if f has a constant term, Rolle's theorem puts a zero of
/// f′ between any two zeros of f, and f′ has one term fewer; multiplying f′ by e^{λ_min·x} (which is positive, so
/// the zeros stay) makes one of its terms constant again. Recursing down to a single exponential, which has no
/// zero, gives all critical points of f in order (a sum of n exponentials has at most n − 1 zeros, the
/// exponential-sum rule of signs, Pólya & Szegő, Problems and Theorems in Analysis II, Part V, no. 75). Between
/// consecutive critical points f is monotone, so the first piece whose right end has f ≥ 0 brackets exactly one
/// crossing. The bracket is narrowed by the Illinois variant of regula falsi, falling back to bisection when it
/// does not halve, to a width of 1e-13 ms plus a few ulps; the end with f ≥ 0 is returned, so the membrane is
/// at or above threshold at the reported time. Nothing is sampled on a grid, so no crossing is missed, however
/// brief.
struct ExponentialSum {
    private var coefficients = SIMD4<Double>()
    private var rates = SIMD4<Double>()
    private(set) var count = 0

    /// Adds c·e^{−λx}, merged into a term of the same rate; terms that are or become zero are dropped.
    mutating func add(_ c: Double, rate λ: Double) {
        for i in 0..<count where rates[i] == λ {
            coefficients[i] += c
            if coefficients[i] == 0 { remove(i) }
            return
        }
        guard c != 0 else { return }
        precondition(count < 4, "ExponentialSum holds at most four terms")
        coefficients[count] = c
        rates[count] = λ
        count += 1
    }

    private mutating func remove(_ i: Int) {
        count -= 1
        coefficients[i] = coefficients[count]
        rates[i] = rates[count]
    }

    func value(at x: Double) -> Double {
        var sum = 0.0
        for i in 0..<count { sum += rates[i] == 0 ? coefficients[i] : coefficients[i] * exp(-rates[i] * x) }
        return sum
    }

    /// The smallest x ≥ 0 with f(x) ≥ 0, or nil if f < 0 on all of [0, ∞).
    func firstCrossing() -> Double? {
        let f0 = value(at: 0)
        if f0 >= 0 { return 0 }
        var constant = 0.0, positive = 0.0, total = 0.0, slowest = Double.infinity
        for i in 0..<count {
            if rates[i] == 0 {
                constant += coefficients[i]
            } else {
                positive += max(coefficients[i], 0)
                total += abs(coefficients[i])
                slowest = min(slowest, rates[i])
            }
        }
        // f ≤ constant + Σ positive coefficients: below zero for x > 0 if that bound is not above it.
        if constant + positive <= 0 || total == 0 { return nil }
        // Beyond the horizon the exponentials together are smaller than half the constant (or, without one, than
        // e^{−700} and falling), so f keeps the sign it has there.
        let horizon = max(0, (constant != 0 ? log(2 * total / abs(constant)) : log(total) + 700) / slowest)
        let critical = criticalPoints(from: 0, to: horizon)
        var a = 0.0, fa = f0
        for j in 0...critical.count {
            let b = j < critical.count ? critical[j] : horizon
            let fb = value(at: b)
            if fb >= 0 { return boundary(a, fa, b, fb) }
            a = b
            fa = fb
        }
        return nil
    }

    /// The points in (lo, hi] where f′ changes sign, ascending (a zero of f′ without a sign change does not end a
    /// monotone piece and may be left out).
    private func criticalPoints(from lo: Double, to hi: Double) -> Points {
        var derivative = ExponentialSum()
        var slowest = Double.infinity
        for i in 0..<count where rates[i] > 0 { slowest = min(slowest, rates[i]) }
        for i in 0..<count where rates[i] > 0 {
            derivative.add(-rates[i] * coefficients[i], rate: rates[i] - slowest)
        }
        // One term: f′ keeps its sign and f is monotone.
        guard derivative.count >= 2 else { return Points() }
        return derivative.signChanges(from: lo, to: hi)
    }

    /// The points in (lo, hi] where f changes between < 0 and ≥ 0, ascending.
    private func signChanges(from lo: Double, to hi: Double) -> Points {
        var result = Points()
        let critical = criticalPoints(from: lo, to: hi)
        var a = lo, fa = value(at: lo)
        for j in 0...critical.count {
            let b = j < critical.count ? critical[j] : hi
            let fb = value(at: b)
            if (fa >= 0) != (fb >= 0) { result.append(boundary(a, fa, b, fb)) }
            a = b
            fa = fb
        }
        return result
    }

    /// Narrows [a, b], on which f is monotone and exactly one end has f ≥ 0, and returns that end.
    private func boundary(_ a0: Double, _ fa0: Double, _ b0: Double, _ fb0: Double) -> Double {
        var a = a0, b = b0
        // Illinois weights: the value kept at an end that survives two steps in a row is halved.
        var ga = fa0, gb = fb0
        let aIsAbove = fa0 >= 0
        var lastMoved = 0
        var widthBefore = b - a
        var iteration = 0
        while b - a > 1e-13 + 4 * max(a.ulp, b.ulp), iteration < 200 {
            iteration += 1
            var x = (a * gb - b * ga) / (gb - ga)
            if iteration % 3 == 0 {
                if b - a > 0.5 * widthBefore { x = 0.5 * (a + b) }
                widthBefore = b - a
            }
            if !(x > a && x < b) { x = 0.5 * (a + b) }
            if !(x > a && x < b) { break }
            let fx = value(at: x)
            if (fx >= 0) == aIsAbove {
                a = x
                ga = fx
                if lastMoved == -1 { gb *= 0.5 }
                lastMoved = -1
            } else {
                b = x
                gb = fx
                if lastMoved == 1 { ga *= 0.5 }
                lastMoved = 1
            }
        }
        return aIsAbove ? a : b
    }

    /// Up to four ascending points, without allocating.
    struct Points {
        private var values = SIMD4<Double>()
        private(set) var count = 0

        mutating func append(_ x: Double) {
            values[count] = x
            count += 1
        }

        subscript(i: Int) -> Double { values[i] }
    }
}
