extension IafPscAlpha {
    /// `iaf_psc_alpha`'s parameters with NEST's defaults (the table in `IafPscAlpha.parameters`).
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = IafPscAlpha.name
        /// `C_m`: membrane capacitance [pF].
        public var capacitancePF = IafPscAlpha.defaultValue(of: "C_m")
        /// `tau_m`: membrane time constant [ms].
        public var tauMembraneMs = IafPscAlpha.defaultValue(of: "tau_m")
        /// `E_L`: resting potential [mV].
        public var restingMV = IafPscAlpha.defaultValue(of: "E_L")
        /// `V_th`: spike threshold [mV].
        public var thresholdMV = IafPscAlpha.defaultValue(of: "V_th")
        /// `V_reset`: reset potential [mV].
        public var resetMV = IafPscAlpha.defaultValue(of: "V_reset")
        /// `V_min`: lower bound of the membrane potential [mV] (default −1.8e308, i.e. none).
        public var lowerBoundMV = IafPscAlpha.defaultValue(of: "V_min")
        /// `t_ref`: absolute refractory period [ms].
        public var refractoryMs = IafPscAlpha.defaultValue(of: "t_ref")
        /// `I_e`: constant external current [pA].
        public var constantCurrentPA = IafPscAlpha.defaultValue(of: "I_e")
        /// `tau_syn_ex`: rise time of the excitatory alpha current [ms].
        public var tauExcitatoryMs = IafPscAlpha.defaultValue(of: "tau_syn_ex")
        /// `tau_syn_in`: rise time of the inhibitory alpha current [ms].
        public var tauInhibitoryMs = IafPscAlpha.defaultValue(of: "tau_syn_in")

        /// NEST's defaults, except the values given.
        public init(capacitancePF: Double? = nil, tauMembraneMs: Double? = nil, restingMV: Double? = nil,
                    thresholdMV: Double? = nil, resetMV: Double? = nil, lowerBoundMV: Double? = nil,
                    refractoryMs: Double? = nil, constantCurrentPA: Double? = nil, tauExcitatoryMs: Double? = nil,
                    tauInhibitoryMs: Double? = nil) {
            capacitancePF.map { self.capacitancePF = $0 }
            tauMembraneMs.map { self.tauMembraneMs = $0 }
            restingMV.map { self.restingMV = $0 }
            thresholdMV.map { self.thresholdMV = $0 }
            resetMV.map { self.resetMV = $0 }
            lowerBoundMV.map { self.lowerBoundMV = $0 }
            refractoryMs.map { self.refractoryMs = $0 }
            constantCurrentPA.map { self.constantCurrentPA = $0 }
            tauExcitatoryMs.map { self.tauExcitatoryMs = $0 }
            tauInhibitoryMs.map { self.tauInhibitoryMs = $0 }
        }

        public var values: [String: Double] {
            ["C_m": capacitancePF, "tau_m": tauMembraneMs, "E_L": restingMV, "V_th": thresholdMV, "V_reset": resetMV,
             "V_min": lowerBoundMV, "t_ref": refractoryMs, "I_e": constantCurrentPA, "tau_syn_ex": tauExcitatoryMs,
             "tau_syn_in": tauInhibitoryMs]
        }
    }
}
