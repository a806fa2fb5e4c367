extension ParameterValues {
    /// The hard weight bounds [w_min, w_max] of a rule's table (see `ParameterSpec.weightBounds`).
    func weightBounds() throws -> ClosedRange<Double> {
        try require("w_min", below: "w_max")
        return self["w_min"]...self["w_max"]
    }
}

extension ParameterSpec {
    /// The table rows `w_min` and `w_max`, in units of the synapse weight.
    static func weightBounds(min: Double, max: Double, _ minSummary: String = "Lower weight bound",
                             _ maxSummary: String = "Upper weight bound") -> [ParameterSpec] {
        [ParameterSpec("w_min", unit: "w", default: min, minSummary), ParameterSpec("w_max", unit: "w", default: max, maxSummary)]
    }
}

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
