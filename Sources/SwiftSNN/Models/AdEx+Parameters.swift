/// The membrane, adaptation and integrator parameters `aeif_cond_exp` and `aeif_psc_exp` share, typed, with
/// NEST's defaults (the rows of `AdEx.parameters`): `AeifCondExp.Parameters(membrane: .init(a: 0, b: 0))`.
public struct AdExMembraneParameters: Sendable, Equatable {
    /// `C_m`: membrane capacitance [pF].
    public var capacitancePF = AeifCondExp.defaultValue(of: "C_m")
    /// `g_L`: leak conductance [nS].
    public var leakConductanceNS = AeifCondExp.defaultValue(of: "g_L")
    /// `E_L`: leak reversal potential [mV].
    public var leakReversalMV = AeifCondExp.defaultValue(of: "E_L")
    /// `Delta_T`: slope factor of the exponential [mV]; 0 makes the model a LIF with threshold `V_th`.
    public var slopeFactorMV = AeifCondExp.defaultValue(of: "Delta_T")
    /// `V_th`: spike initiation threshold [mV].
    public var thresholdMV = AeifCondExp.defaultValue(of: "V_th")
    /// `V_peak`: spike detection threshold [mV].
    public var peakMV = AeifCondExp.defaultValue(of: "V_peak")
    /// `V_reset`: reset potential [mV].
    public var resetMV = AeifCondExp.defaultValue(of: "V_reset")
    /// `t_ref`: absolute refractory period [ms].
    public var refractoryMs = AeifCondExp.defaultValue(of: "t_ref")
    /// `a`: subthreshold adaptation [nS].
    public var subthresholdAdaptationNS = AeifCondExp.defaultValue(of: "a")
    /// `b`: spike-triggered adaptation [pA].
    public var spikeAdaptationPA = AeifCondExp.defaultValue(of: "b")
    /// `tau_w`: adaptation time constant [ms].
    public var tauAdaptationMs = AeifCondExp.defaultValue(of: "tau_w")
    /// `I_e`: constant external current [pA].
    public var constantCurrentPA = AeifCondExp.defaultValue(of: "I_e")
    /// `gsl_error_tol`: error tolerance of the adaptive step [1].
    public var errorTolerance = AeifCondExp.defaultValue(of: "gsl_error_tol")

    /// NEST's defaults, except the values given.
    public init(capacitancePF: Double? = nil, leakConductanceNS: Double? = nil, leakReversalMV: Double? = nil,
                slopeFactorMV: Double? = nil, thresholdMV: Double? = nil, peakMV: Double? = nil, resetMV: Double? = nil,
                refractoryMs: Double? = nil, a subthresholdAdaptationNS: Double? = nil, b spikeAdaptationPA: Double? = nil,
                tauAdaptationMs: Double? = nil, constantCurrentPA: Double? = nil, errorTolerance: Double? = nil) {
        capacitancePF.map { self.capacitancePF = $0 }
        leakConductanceNS.map { self.leakConductanceNS = $0 }
        leakReversalMV.map { self.leakReversalMV = $0 }
        slopeFactorMV.map { self.slopeFactorMV = $0 }
        thresholdMV.map { self.thresholdMV = $0 }
        peakMV.map { self.peakMV = $0 }
        resetMV.map { self.resetMV = $0 }
        refractoryMs.map { self.refractoryMs = $0 }
        subthresholdAdaptationNS.map { self.subthresholdAdaptationNS = $0 }
        spikeAdaptationPA.map { self.spikeAdaptationPA = $0 }
        tauAdaptationMs.map { self.tauAdaptationMs = $0 }
        constantCurrentPA.map { self.constantCurrentPA = $0 }
        errorTolerance.map { self.errorTolerance = $0 }
    }

    /// The parameters by config key.
    public var values: [String: Double] {
        ["C_m": capacitancePF, "g_L": leakConductanceNS, "E_L": leakReversalMV, "Delta_T": slopeFactorMV,
         "V_th": thresholdMV, "V_peak": peakMV, "V_reset": resetMV, "t_ref": refractoryMs, "a": subthresholdAdaptationNS,
         "b": spikeAdaptationPA, "tau_w": tauAdaptationMs, "I_e": constantCurrentPA, "gsl_error_tol": errorTolerance]
    }
}

extension AeifCondExp {
    /// `aeif_cond_exp`'s parameters with NEST's defaults (the table in `AeifCondExp.parameters`).
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = AeifCondExp.name
        /// Membrane, adaptation and integrator.
        public var membrane: AdExMembraneParameters
        /// `E_ex`: excitatory reversal potential [mV].
        public var excitatoryReversalMV = AeifCondExp.defaultValue(of: "E_ex")
        /// `E_in`: inhibitory reversal potential [mV].
        public var inhibitoryReversalMV = AeifCondExp.defaultValue(of: "E_in")
        /// `tau_syn_ex`: excitatory synaptic time constant [ms].
        public var tauExcitatoryMs = AeifCondExp.defaultValue(of: "tau_syn_ex")
        /// `tau_syn_in`: inhibitory synaptic time constant [ms].
        public var tauInhibitoryMs = AeifCondExp.defaultValue(of: "tau_syn_in")

        /// NEST's defaults, except the values given.
        public init(membrane: AdExMembraneParameters = .init(), excitatoryReversalMV: Double? = nil,
                    inhibitoryReversalMV: Double? = nil, tauExcitatoryMs: Double? = nil, tauInhibitoryMs: Double? = nil) {
            self.membrane = membrane
            excitatoryReversalMV.map { self.excitatoryReversalMV = $0 }
            inhibitoryReversalMV.map { self.inhibitoryReversalMV = $0 }
            tauExcitatoryMs.map { self.tauExcitatoryMs = $0 }
            tauInhibitoryMs.map { self.tauInhibitoryMs = $0 }
        }

        public var values: [String: Double] {
            membrane.values.merging(["E_ex": excitatoryReversalMV, "E_in": inhibitoryReversalMV,
                                     "tau_syn_ex": tauExcitatoryMs, "tau_syn_in": tauInhibitoryMs]) { $1 }
        }
    }
}

extension AeifPscExp {
    /// `aeif_psc_exp`'s parameters with NEST's defaults (the table in `AeifPscExp.parameters`).
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = AeifPscExp.name
        /// Membrane, adaptation and integrator.
        public var membrane: AdExMembraneParameters
        /// `tau_syn_ex`: excitatory synaptic time constant [ms].
        public var tauExcitatoryMs = AeifPscExp.defaultValue(of: "tau_syn_ex")
        /// `tau_syn_in`: inhibitory synaptic time constant [ms].
        public var tauInhibitoryMs = AeifPscExp.defaultValue(of: "tau_syn_in")

        /// NEST's defaults, except the values given.
        public init(membrane: AdExMembraneParameters = .init(), tauExcitatoryMs: Double? = nil, tauInhibitoryMs: Double? = nil) {
            self.membrane = membrane
            tauExcitatoryMs.map { self.tauExcitatoryMs = $0 }
            tauInhibitoryMs.map { self.tauInhibitoryMs = $0 }
        }

        public var values: [String: Double] {
            membrane.values.merging(["tau_syn_ex": tauExcitatoryMs, "tau_syn_in": tauInhibitoryMs]) { $1 }
        }
    }
}
