import Foundation

/// The exact solution of `iaf_psc_exp` between inputs, for the event-driven engine. With y = V − E_L, the
/// synaptic currents I_x(t + h) = I_x(t)·e^{−h/τ_x} and the constant current I = I_e + I_stim,
///
///     y(t + h) = y(t)·e^{−h/τ_m} + (τ_m/C_m)(1 − e^{−h/τ_m})·I + Σ_x I_x(t)·k_x·(e^{−h/τ_m} − e^{−h/τ_x}),
///     k_x = τ_x τ_m / (C_m (τ_m − τ_x))
///
/// (the propagators of the clock engine, `Propagators`, for a step of any length h). y − θ is therefore a sum of
/// at most four exponentials in h, whose first zero `ExponentialSum` finds with a guaranteed bracket. While
/// refractory, V stays at V_reset and the currents keep decaying and receiving input.
extension IafPscExp: ExactlySolvable {
    public var refractoryMs: Double { threshold.refractoryMs }

    public func evolve(_ neuron: NeuronSlot, by h: Double) {
        guard h > 0 else { return }
        let y = neuron[0] - restingMV, excitatory = neuron[1], inhibitory = neuron[2]
        let current = constantCurrentPA + neuron[3]
        let tauM = membraneTauMs, c = capacitancePF
        neuron[0] = restingMV + (y * Propagators.decay(h, tau: tauM)
                                 + current * Propagators.constantCurrent(h, tauM: tauM, capacitance: c)
                                 + excitatory * Propagators.currentToVoltage(h, tauSyn: excitatoryTauMs, tauM: tauM, capacitance: c)
                                 + inhibitory * Propagators.currentToVoltage(h, tauSyn: inhibitoryTauMs, tauM: tauM, capacitance: c))
        evolveRefractory(neuron, by: h)
    }

    public func evolveRefractory(_ neuron: NeuronSlot, by h: Double) {
        guard h > 0 else { return }
        neuron[1] *= Propagators.decay(h, tau: excitatoryTauMs)
        neuron[2] *= Propagators.decay(h, tau: inhibitoryTauMs)
    }

    public func receive(_ neuron: NeuronSlot, weight w: Double, refractory: Bool) -> Bool {
        if w >= 0 { neuron[1] += w } else { neuron[2] += w }
        return true
    }

    public func timeToThreshold(_ neuron: NeuronSlot) -> Double? {
        let y0 = neuron[0] - restingMV, theta = threshold.thresholdMV - restingMV
        if y0 >= theta { return 0 }
        let tauM = membraneTauMs, c = capacitancePF
        let steady = tauM / c * (constantCurrentPA + neuron[3])
        let kEx = excitatoryTauMs * tauM / (c * (tauM - excitatoryTauMs))
        let kIn = inhibitoryTauMs * tauM / (c * (tauM - inhibitoryTauMs))
        var f = ExponentialSum()
        f.add(steady - theta, rate: 0)
        f.add(y0 - steady + neuron[1] * kEx + neuron[2] * kIn, rate: 1 / tauM)
        f.add(-neuron[1] * kEx, rate: 1 / excitatoryTauMs)
        f.add(-neuron[2] * kIn, rate: 1 / inhibitoryTauMs)
        return f.firstCrossing()
    }

    public func reset(_ neuron: NeuronSlot) { neuron[0] = threshold.resetMV }

    /// The closed form above has no pure-exponential form when τ_x = τ_m (NEST's singular case, h·e^{−h/τ}), and
    /// near it k_x grows like 1/(τ_m − τ_x) and cancels; refused within a relative 1e-6.
    public func checkExactSolution(paramsPath: String) throws {
        for (key, tau) in [("tau_syn_ex", excitatoryTauMs), ("tau_syn_in", inhibitoryTauMs)]
        where abs(tau - membraneTauMs) <= 1e-6 * membraneTauMs {
            throw ConfigError(path: "\(paramsPath).\(key)",
                              problem: "must differ from tau_m for the event engine (the exact solution divides by tau_m - \(key)), got \(formatNumber(tau))")
        }
    }
}
