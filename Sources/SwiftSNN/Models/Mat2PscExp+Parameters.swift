extension Mat2PscExp {
    /// `mat2_psc_exp`'s parameters with NEST's defaults (the table in `Mat2PscExp.parameters`).
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = Mat2PscExp.name
        /// `C_m`: membrane capacitance [pF].
        public var capacitancePF = Mat2PscExp.defaultValue(of: "C_m")
        /// `E_L`: resting potential [mV].
        public var restingMV = Mat2PscExp.defaultValue(of: "E_L")
        /// `I_e`: constant external current [pA].
        public var constantCurrentPA = Mat2PscExp.defaultValue(of: "I_e")
        /// `tau_m`: membrane time constant [ms].
        public var tauMembraneMs = Mat2PscExp.defaultValue(of: "tau_m")
        /// `tau_syn_ex`: excitatory synaptic current decay time [ms].
        public var tauExcitatoryMs = Mat2PscExp.defaultValue(of: "tau_syn_ex")
        /// `tau_syn_in`: inhibitory synaptic current decay time [ms].
        public var tauInhibitoryMs = Mat2PscExp.defaultValue(of: "tau_syn_in")
        /// `t_ref`: time after a spike without a spike test [ms].
        public var refractoryMs = Mat2PscExp.defaultValue(of: "t_ref")
        /// `alpha_1`: jump of the fast threshold component at a spike [mV].
        public var fastJumpMV = Mat2PscExp.defaultValue(of: "alpha_1")
        /// `alpha_2`: jump of the slow threshold component at a spike [mV].
        public var slowJumpMV = Mat2PscExp.defaultValue(of: "alpha_2")
        /// `tau_1`: decay time of the fast threshold component [ms].
        public var tauFastMs = Mat2PscExp.defaultValue(of: "tau_1")
        /// `tau_2`: decay time of the slow threshold component [ms].
        public var tauSlowMs = Mat2PscExp.defaultValue(of: "tau_2")
        /// `omega`: resting threshold, absolute [mV].
        public var restingThresholdMV = Mat2PscExp.defaultValue(of: "omega")

        /// NEST's defaults, except the values given.
        public init(capacitancePF: Double? = nil, restingMV: Double? = nil, constantCurrentPA: Double? = nil,
                    tauMembraneMs: Double? = nil, tauExcitatoryMs: Double? = nil, tauInhibitoryMs: Double? = nil,
                    refractoryMs: Double? = nil, fastJumpMV: Double? = nil, slowJumpMV: Double? = nil,
                    tauFastMs: Double? = nil, tauSlowMs: Double? = nil, restingThresholdMV: Double? = nil) {
            capacitancePF.map { self.capacitancePF = $0 }
            restingMV.map { self.restingMV = $0 }
            constantCurrentPA.map { self.constantCurrentPA = $0 }
            tauMembraneMs.map { self.tauMembraneMs = $0 }
            tauExcitatoryMs.map { self.tauExcitatoryMs = $0 }
            tauInhibitoryMs.map { self.tauInhibitoryMs = $0 }
            refractoryMs.map { self.refractoryMs = $0 }
            fastJumpMV.map { self.fastJumpMV = $0 }
            slowJumpMV.map { self.slowJumpMV = $0 }
            tauFastMs.map { self.tauFastMs = $0 }
            tauSlowMs.map { self.tauSlowMs = $0 }
            restingThresholdMV.map { self.restingThresholdMV = $0 }
        }

        public var values: [String: Double] {
            ["C_m": capacitancePF, "E_L": restingMV, "I_e": constantCurrentPA, "tau_m": tauMembraneMs,
             "tau_syn_ex": tauExcitatoryMs, "tau_syn_in": tauInhibitoryMs, "t_ref": refractoryMs, "alpha_1": fastJumpMV,
             "alpha_2": slowJumpMV, "tau_1": tauFastMs, "tau_2": tauSlowMs, "omega": restingThresholdMV]
        }
    }
}
