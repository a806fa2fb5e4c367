extension Traces {
    /// The first trace as a firing-rate estimate in Hz: a trace that jumps by 1 per spike and decays with τ is the
    /// spike train filtered by e^{−t/τ}, whose mean is rate × τ.
    @inline(__always)
    func rateHz(tauMs: Double) -> Double { first * 1000 / tauMs }

    /// The second trace as a rate estimate in Hz.
    @inline(__always)
    func secondRateHz(tauMs: Double) -> Double { second * 1000 / tauMs }
}
