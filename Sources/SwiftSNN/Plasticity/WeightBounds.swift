extension ClosedRange where Bound == Double {
    /// The weight at fraction `normalised` of these bounds (0 at the lower, 1 at the upper: NEST's normalised
    /// weight w/Wmax when the lower bound is 0), clipped to them (hard bounds).
    @inline(__always)
    func weight(_ normalised: Double) -> Double {
        lowerBound + Swift.min(Swift.max(normalised, 0), 1) * (upperBound - lowerBound)
    }

    /// A weight in weight units, clipped to these bounds (hard bounds).
    @inline(__always)
    func clipped(_ w: Double) -> Double { Swift.min(Swift.max(w, lowerBound), upperBound) }
}
