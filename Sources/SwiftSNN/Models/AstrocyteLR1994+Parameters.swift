extension AstrocyteLR1994 {
    /// `astrocyte_lr_1994`'s parameters with NEST 3.10's defaults (the table in `AstrocyteLR1994.parameters`).
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = AstrocyteLR1994.name
        /// `Ca_tot`: total free calcium concentration (cytosolic volume) [µM].
        public var totalCalciumUM = AstrocyteLR1994.defaultValue(of: "Ca_tot")
        /// `IP3_0`: baseline IP3 concentration [µM].
        public var baselineIP3UM = AstrocyteLR1994.defaultValue(of: "IP3_0")
        /// `Kd_IP3_1`: first IP3R dissociation constant of IP3 [µM].
        public var kdIP3FirstUM = AstrocyteLR1994.defaultValue(of: "Kd_IP3_1")
        /// `Kd_IP3_2`: second IP3R dissociation constant of IP3 [µM].
        public var kdIP3SecondUM = AstrocyteLR1994.defaultValue(of: "Kd_IP3_2")
        /// `Kd_act`: iP3R dissociation constant of calcium (activation) [µM].
        public var kdActivationUM = AstrocyteLR1994.defaultValue(of: "Kd_act")
        /// `Kd_inh`: iP3R dissociation constant of calcium (inhibition) [µM].
        public var kdInhibitionUM = AstrocyteLR1994.defaultValue(of: "Kd_inh")
        /// `Km_SERCA`: activation constant of the SERCA pump [µM].
        public var kmSERCAUM = AstrocyteLR1994.defaultValue(of: "Km_SERCA")
        /// `SIC_scale`: scale of the slow inward current [1].
        public var sicScale = AstrocyteLR1994.defaultValue(of: "SIC_scale")
        /// `SIC_th`: calcium threshold of the slow inward current [µM].
        public var sicThresholdUM = AstrocyteLR1994.defaultValue(of: "SIC_th")
        /// `delta_IP3`: iP3 added per unit of spike weight [µM].
        public var deltaIP3UM = AstrocyteLR1994.defaultValue(of: "delta_IP3")
        /// `k_IP3R`: iP3R binding rate of calcium inhibition [1/(µM·ms)].
        public var kIP3RPerUMms = AstrocyteLR1994.defaultValue(of: "k_IP3R")
        /// `rate_IP3R`: maximum rate of calcium release via IP3R [1/ms].
        public var rateIP3RPerMs = AstrocyteLR1994.defaultValue(of: "rate_IP3R")
        /// `rate_L`: rate of calcium leak from the ER [1/ms].
        public var rateLeakPerMs = AstrocyteLR1994.defaultValue(of: "rate_L")
        /// `rate_SERCA`: maximum rate of calcium uptake by SERCA [µM/ms].
        public var rateSERCAUMPerMs = AstrocyteLR1994.defaultValue(of: "rate_SERCA")
        /// `ratio_ER_cyt`: ratio of ER to cytosol volume [1].
        public var ratioERCytosol = AstrocyteLR1994.defaultValue(of: "ratio_ER_cyt")
        /// `tau_IP3`: time constant of IP3's relaxation to IP3_0 [ms].
        public var tauIP3Ms = AstrocyteLR1994.defaultValue(of: "tau_IP3")

        /// The defaults, except the values given.
        public init(totalCalciumUM: Double? = nil, baselineIP3UM: Double? = nil, kdIP3FirstUM: Double? = nil, kdIP3SecondUM: Double? = nil, kdActivationUM: Double? = nil, kdInhibitionUM: Double? = nil, kmSERCAUM: Double? = nil, sicScale: Double? = nil, sicThresholdUM: Double? = nil, deltaIP3UM: Double? = nil, kIP3RPerUMms: Double? = nil, rateIP3RPerMs: Double? = nil, rateLeakPerMs: Double? = nil, rateSERCAUMPerMs: Double? = nil, ratioERCytosol: Double? = nil, tauIP3Ms: Double? = nil) {
            totalCalciumUM.map { self.totalCalciumUM = $0 }
            baselineIP3UM.map { self.baselineIP3UM = $0 }
            kdIP3FirstUM.map { self.kdIP3FirstUM = $0 }
            kdIP3SecondUM.map { self.kdIP3SecondUM = $0 }
            kdActivationUM.map { self.kdActivationUM = $0 }
            kdInhibitionUM.map { self.kdInhibitionUM = $0 }
            kmSERCAUM.map { self.kmSERCAUM = $0 }
            sicScale.map { self.sicScale = $0 }
            sicThresholdUM.map { self.sicThresholdUM = $0 }
            deltaIP3UM.map { self.deltaIP3UM = $0 }
            kIP3RPerUMms.map { self.kIP3RPerUMms = $0 }
            rateIP3RPerMs.map { self.rateIP3RPerMs = $0 }
            rateLeakPerMs.map { self.rateLeakPerMs = $0 }
            rateSERCAUMPerMs.map { self.rateSERCAUMPerMs = $0 }
            ratioERCytosol.map { self.ratioERCytosol = $0 }
            tauIP3Ms.map { self.tauIP3Ms = $0 }
        }

        public var values: [String: Double] {
            ["Ca_tot": totalCalciumUM, "IP3_0": baselineIP3UM, "Kd_IP3_1": kdIP3FirstUM, "Kd_IP3_2": kdIP3SecondUM, "Kd_act": kdActivationUM, "Kd_inh": kdInhibitionUM, "Km_SERCA": kmSERCAUM, "SIC_scale": sicScale, "SIC_th": sicThresholdUM, "delta_IP3": deltaIP3UM, "k_IP3R": kIP3RPerUMms, "rate_IP3R": rateIP3RPerMs, "rate_L": rateLeakPerMs, "rate_SERCA": rateSERCAUMPerMs, "ratio_ER_cyt": ratioERCytosol, "tau_IP3": tauIP3Ms]
        }
    }
}
