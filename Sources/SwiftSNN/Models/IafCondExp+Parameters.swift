extension IafCondExp {
    /// `iaf_cond_exp`'s parameters with NEST's defaults (the table in `IafCondExp.parameters`).
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = IafCondExp.name
        /// `C_m`: membrane capacitance [pF].
        public var capacitancePF = IafCondExp.defaultValue(of: "C_m")
        /// `g_L`: leak conductance [nS].
        public var leakConductanceNS = IafCondExp.defaultValue(of: "g_L")
        /// `E_L`: leak reversal potential [mV].
        public var leakReversalMV = IafCondExp.defaultValue(of: "E_L")
        /// `V_th`: spike threshold [mV].
        public var thresholdMV = IafCondExp.defaultValue(of: "V_th")
        /// `V_reset`: reset potential [mV].
        public var resetMV = IafCondExp.defaultValue(of: "V_reset")
        /// `t_ref`: absolute refractory period [ms].
        public var refractoryMs = IafCondExp.defaultValue(of: "t_ref")
        /// `I_e`: constant external current [pA].
        public var constantCurrentPA = IafCondExp.defaultValue(of: "I_e")
        /// `E_ex`: excitatory reversal potential [mV].
        public var excitatoryReversalMV = IafCondExp.defaultValue(of: "E_ex")
        /// `E_in`: inhibitory reversal potential [mV].
        public var inhibitoryReversalMV = IafCondExp.defaultValue(of: "E_in")
        /// `tau_syn_ex`: excitatory synaptic time constant [ms].
        public var tauExcitatoryMs = IafCondExp.defaultValue(of: "tau_syn_ex")
        /// `tau_syn_in`: inhibitory synaptic time constant [ms].
        public var tauInhibitoryMs = IafCondExp.defaultValue(of: "tau_syn_in")

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
}
