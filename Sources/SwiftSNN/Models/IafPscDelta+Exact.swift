import Foundation

/// The exact solution of `iaf_psc_delta` between inputs, for the event-driven engine. With y = V − E_L and the
/// constant current I = I_e + I_stim, y relaxes towards y∞ = τ_m·I/C_m:
///
///     y(t + h) = y∞ + (y(t) − y∞)·e^{−h/τ_m}
///
/// so from y₀ < θ = V_th − E_L it reaches θ only if y∞ > θ, after τ_m·ln((y∞ − y₀)/(y∞ − θ)) (computed with
/// log1p, accurate when the crossing is close). An input jumps V by w; one that arrives while the neuron is
/// refractory is lost, as in NEST.
extension IafPscDelta: ExactlySolvable {
    public static var stimulusVariable: Int { 1 }
    public var refractoryMs: Double { threshold.refractoryMs }

    public func evolve(_ neuron: NeuronSlot, by h: Double) {
        guard h > 0 else { return }
        let current = constantCurrentPA + neuron[1]
        neuron[0] = restingMV + (Propagators.constantCurrent(h, tauM: membraneTauMs, capacitance: capacitancePF) * current
                                 + Propagators.decay(h, tau: membraneTauMs) * (neuron[0] - restingMV))
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

    public func reset(_ neuron: NeuronSlot) { neuron[0] = threshold.resetMV }
}
