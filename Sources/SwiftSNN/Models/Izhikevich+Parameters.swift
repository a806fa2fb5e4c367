extension Izhikevich {
    /// `izhikevich`'s parameters with NEST's defaults (the table in `Izhikevich.parameters`: regular spiking).
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = Izhikevich.name
        /// `a`: rate of the recovery variable [1/ms].
        public var a = Izhikevich.defaultValue(of: "a")
        /// `b`: sensitivity of the recovery variable to V [1].
        public var b = Izhikevich.defaultValue(of: "b")
        /// `c`: reset value of V after a spike [mV].
        public var c = Izhikevich.defaultValue(of: "c")
        /// `d`: increment of the recovery variable at a spike [mV].
        public var d = Izhikevich.defaultValue(of: "d")
        /// `V_th`: spike cutoff [mV].
        public var thresholdMV = Izhikevich.defaultValue(of: "V_th")
        /// `V_min`: lower bound of the membrane potential [mV] (default −1.8e308, i.e. none).
        public var lowerBoundMV = Izhikevich.defaultValue(of: "V_min")
        /// `I_e`: constant external current [pA].
        public var constantCurrentPA = Izhikevich.defaultValue(of: "I_e")
        /// `consistent_integration`: forward Euler (true, NEST's default) or Izhikevich's published scheme (false).
        public var consistentIntegration = true

        /// NEST's defaults, except the values given.
        public init(a: Double? = nil, b: Double? = nil, c: Double? = nil, d: Double? = nil, thresholdMV: Double? = nil,
                    lowerBoundMV: Double? = nil, constantCurrentPA: Double? = nil, consistentIntegration: Bool? = nil) {
            a.map { self.a = $0 }
            b.map { self.b = $0 }
            c.map { self.c = $0 }
            d.map { self.d = $0 }
            thresholdMV.map { self.thresholdMV = $0 }
            lowerBoundMV.map { self.lowerBoundMV = $0 }
            constantCurrentPA.map { self.constantCurrentPA = $0 }
            consistentIntegration.map { self.consistentIntegration = $0 }
        }

        public var values: [String: Double] {
            ["a": a, "b": b, "c": c, "d": d, "V_th": thresholdMV, "V_min": lowerBoundMV, "I_e": constantCurrentPA,
             "consistent_integration": consistentIntegration ? 1 : 0]
        }
    }
}
