import Foundation

/// The exact solution of `iaf_psc_delta` between inputs, for the event-driven engine. With y = V − E_L and the
/// constant current I = I_e + I_stim, y relaxes towards y∞ = τ_m·I/C_m:
///
///     y(t + h) = y∞ + (y(t) − y∞)·e^{−h/τ_m}
///
/// so from y₀ < θ = V_th − E_L it reaches θ only if y∞ > θ, after τ_m·ln((y∞ − y₀)/(y∞ − θ)) (computed with
/// log1p, accurate when the crossing is close). With u = (θ − y₀)/(y∞ − y₀) that time is −τ_m·ln(1 − u) ≥ τ_m·u,
/// the bound the engine queues instead of computing the logarithm. An input jumps V by w; one that arrives while the neuron is
/// refractory is lost, as in NEST.
extension IafPscDelta: ExactlySolvable {
    public var refractoryMs: Double { threshold.refractoryMs }

    public func evolve(_ neuron: NeuronSlot, by h: Double) {
        guard h > 0 else { return }
        let current = constantCurrentPA + neuron[1]
        // Without current the drive term is ±0 (the sign of `current`, the propagator being positive), and the
        // expm1 it would cost is most of an update.
        let drive = current == 0 ? current : Propagators.constantCurrent(h, tauM: membraneTauMs, capacitance: capacitancePF) * current
        neuron[0] = restingMV + (drive + Propagators.decay(h, tau: membraneTauMs) * (neuron[0] - restingMV))
    }

    public func evolveRefractory(_ neuron: NeuronSlot, by h: Double) {}

    public func receive(_ neuron: NeuronSlot, weight w: Double, refractory: Bool) -> Bool {
        if refractory { return false }
        neuron[0] += w
        return true
    }

    public func timeToThreshold(_ neuron: NeuronSlot) -> Double? {
        let y0 = neuron[0] - restingMV, theta = threshold.thresholdMV - restingMV
        if y0 >= theta { return 0 }
        let yInfinity = membraneTauMs / capacitancePF * (constantCurrentPA + neuron[1])
        guard yInfinity > theta else { return nil }
        return membraneTauMs * log1p((theta - y0) / (yInfinity - theta))
    }

    public func thresholdLowerBound(_ neuron: NeuronSlot) -> Double? {
        let y0 = neuron[0] - restingMV, theta = threshold.thresholdMV - restingMV
        let yInfinity = membraneTauMs / capacitancePF * (constantCurrentPA + neuron[1])
        // Without a crossing, or with one now, the exact answer costs no logarithm.
        guard y0 < theta, yInfinity > theta else { return nil }
        let u = (theta - y0) / (yInfinity - y0)
        // −ln(1 − u) exceeds u by u²/2 and more: for u ≥ 1e-6 that margin dwarfs the few ulps by which either
        // side may be rounded; below, the two agree to rounding and only the exact time is safe.
        return u >= 1e-6 ? membraneTauMs * u : nil
    }

    public func reset(_ neuron: NeuronSlot) { neuron[0] = threshold.resetMV }
}
