extension IafPscDelta {
    /// `iaf_psc_delta`'s parameters with NEST's defaults (the table in `IafPscDelta.parameters`).
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = IafPscDelta.name
        /// `C_m`: membrane capacitance [pF].
        public var capacitancePF = IafPscDelta.defaultValue(of: "C_m")
        /// `tau_m`: membrane time constant [ms].
        public var tauMembraneMs = IafPscDelta.defaultValue(of: "tau_m")
        /// `E_L`: resting potential [mV].
        public var restingMV = IafPscDelta.defaultValue(of: "E_L")
        /// `V_th`: spike threshold [mV].
        public var thresholdMV = IafPscDelta.defaultValue(of: "V_th")
        /// `V_reset`: reset potential [mV].
        public var resetMV = IafPscDelta.defaultValue(of: "V_reset")
        /// `t_ref`: absolute refractory period [ms].
        public var refractoryMs = IafPscDelta.defaultValue(of: "t_ref")
        /// `I_e`: constant external current [pA].
        public var constantCurrentPA = IafPscDelta.defaultValue(of: "I_e")

        /// NEST's defaults, except the values given.
        public init(capacitancePF: Double? = nil, tauMembraneMs: Double? = nil, restingMV: Double? = nil,
                    thresholdMV: Double? = nil, resetMV: Double? = nil, refractoryMs: Double? = nil,
                    constantCurrentPA: Double? = nil) {
            capacitancePF.map { self.capacitancePF = $0 }
            tauMembraneMs.map { self.tauMembraneMs = $0 }
            restingMV.map { self.restingMV = $0 }
            thresholdMV.map { self.thresholdMV = $0 }
            resetMV.map { self.resetMV = $0 }
            refractoryMs.map { self.refractoryMs = $0 }
            constantCurrentPA.map { self.constantCurrentPA = $0 }
        }

        public var values: [String: Double] {
            ["C_m": capacitancePF, "tau_m": tauMembraneMs, "E_L": restingMV, "V_th": thresholdMV, "V_reset": resetMV,
             "t_ref": refractoryMs, "I_e": constantCurrentPA]
        }
    }
}
