extension IafCondExp {
    /// `iaf_cond_exp`'s parameters with NEST's defaults (the table in `IafCondExp.parameters`).
    public typealias Parameters = ConductanceLIFParameters<IafCondExp>
}

extension IafCondAlpha {
    /// `iaf_cond_alpha`'s parameters with NEST's defaults (the table in `IafCondAlpha.parameters`).
    public typealias Parameters = ConductanceLIFParameters<IafCondAlpha>
}

/// The parameters of the conductance-based LIF models, which share NEST's names and defaults and differ in the
/// shape of the conductance (`IafCondExp`, `IafCondAlpha`); the defaults are `Model`'s.
public struct ConductanceLIFParameters<Model: NeuronModel>: ModelParameters, Equatable {
    /// `Model`'s config name.
    public static var modelName: String { Model.name }
    /// `C_m`: membrane capacitance [pF].
    public var capacitancePF = Model.defaultValue(of: "C_m")
    /// `g_L`: leak conductance [nS].
    public var leakConductanceNS = Model.defaultValue(of: "g_L")
    /// `E_L`: leak reversal potential [mV].
    public var leakReversalMV = Model.defaultValue(of: "E_L")
    /// `V_th`: spike threshold [mV].
    public var thresholdMV = Model.defaultValue(of: "V_th")
    /// `V_reset`: reset potential [mV].
    public var resetMV = Model.defaultValue(of: "V_reset")
    /// `t_ref`: absolute refractory period [ms].
    public var refractoryMs = Model.defaultValue(of: "t_ref")
    /// `I_e`: constant external current [pA].
    public var constantCurrentPA = Model.defaultValue(of: "I_e")
    /// `E_ex`: excitatory reversal potential [mV].
    public var excitatoryReversalMV = Model.defaultValue(of: "E_ex")
    /// `E_in`: inhibitory reversal potential [mV].
    public var inhibitoryReversalMV = Model.defaultValue(of: "E_in")
    /// `tau_syn_ex`: excitatory synaptic time constant [ms] (decay or rise time).
    public var tauExcitatoryMs = Model.defaultValue(of: "tau_syn_ex")
    /// `tau_syn_in`: inhibitory synaptic time constant [ms] (decay or rise time).
    public var tauInhibitoryMs = Model.defaultValue(of: "tau_syn_in")

    /// NEST's defaults, except the values given.
    public init(capacitancePF: Double? = nil, leakConductanceNS: Double? = nil, leakReversalMV: Double? = nil,
                thresholdMV: Double? = nil, resetMV: Double? = nil, refractoryMs: Double? = nil,
                constantCurrentPA: Double? = nil, excitatoryReversalMV: Double? = nil,
                inhibitoryReversalMV: Double? = nil, tauExcitatoryMs: Double? = nil, tauInhibitoryMs: Double? = nil) {
        capacitancePF.map { self.capacitancePF = $0 }
        leakConductanceNS.map { self.leakConductanceNS = $0 }
        leakReversalMV.map { self.leakReversalMV = $0 }
        thresholdMV.map { self.thresholdMV = $0 }
        resetMV.map { self.resetMV = $0 }
        refractoryMs.map { self.refractoryMs = $0 }
        constantCurrentPA.map { self.constantCurrentPA = $0 }
        excitatoryReversalMV.map { self.excitatoryReversalMV = $0 }
        inhibitoryReversalMV.map { self.inhibitoryReversalMV = $0 }
        tauExcitatoryMs.map { self.tauExcitatoryMs = $0 }
        tauInhibitoryMs.map { self.tauInhibitoryMs = $0 }
    }

    public var values: [String: Double] {
        ["C_m": capacitancePF, "g_L": leakConductanceNS, "E_L": leakReversalMV, "V_th": thresholdMV,
         "V_reset": resetMV, "t_ref": refractoryMs, "I_e": constantCurrentPA, "E_ex": excitatoryReversalMV,
         "E_in": inhibitoryReversalMV, "tau_syn_ex": tauExcitatoryMs, "tau_syn_in": tauInhibitoryMs]
    }
}
