extension ClosedRange where Bound == Double {
    /// A weight as a fraction of these bounds: 0 at the lower, 1 at the upper (NEST's normalised weight w/Wmax
    /// when the lower bound is 0).
    @inline(__always)
    func normalised(_ w: Float) -> Double { (Double(w) - lowerBound) / (upperBound - lowerBound) }

    /// The weight at fraction `normalised` of these bounds, clipped to them (hard bounds).
    @inline(__always)
    func weight(_ normalised: Double) -> Float {
        Float(lowerBound + Swift.min(Swift.max(normalised, 0), 1) * (upperBound - lowerBound))
    }
}
