extension IafPscDelta {
    /// `iaf_psc_delta`'s parameters with NEST's defaults (the table in `IafPscDelta.parameters`).
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = IafPscDelta.name
        public var capacitancePF = IafPscDelta.defaultValue(of: "C_m")
        public var tauMembraneMs = IafPscDelta.defaultValue(of: "tau_m")
        public var restingMV = IafPscDelta.defaultValue(of: "E_L")
        public var thresholdMV = IafPscDelta.defaultValue(of: "V_th")
        public var resetMV = IafPscDelta.defaultValue(of: "V_reset")
        public var refractoryMs = IafPscDelta.defaultValue(of: "t_ref")
        public var constantCurrentPA = IafPscDelta.defaultValue(of: "I_e")

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
