import Foundation

/// Two exponentially decaying traces per neuron, kept at their current values: every step multiplies them by
/// their one-step decay (a vectorisable pass, instead of an exp per synapse when they are read).
struct TraceColumns: @unchecked Sendable {
    let first: UnsafeMutablePointer<Double>
    let second: UnsafeMutablePointer<Double>
    let count: Int
    let stepDecay: Traces
    let nearest: Bool

    init(first: UnsafeMutablePointer<Double>, second: UnsafeMutablePointer<Double>, count: Int, taus: Traces,
         dtMs: Double, nearest: Bool) {
        self.first = first
        self.second = second
        self.count = count
        stepDecay = Traces(exp(-dtMs / taus.first), exp(-dtMs / taus.second))
        self.nearest = nearest
    }

    func decay() {
        for i in 0..<count {
            first[i] *= stepDecay.first
            second[i] *= stepDecay.second
        }
    }

    /// The traces of neuron `i` now, as if `plusSpikes` more spikes had just happened.
    @inline(__always)
    func value(_ i: Int, plusSpikes: Int) -> Traces {
        let t = Traces(first[i], second[i])
        if plusSpikes == 0 { return t }
        let add = Double(plusSpikes)
        return nearest ? Traces(1, 1) : Traces(t.first + add, t.second + add)
    }

    /// Stores `spikes` spikes of neuron `i` now.
    @inline(__always)
    func record(_ i: Int, spikes: Int) {
        let t = value(i, plusSpikes: spikes)
        first[i] = t.first
        second[i] = t.second
    }
}
