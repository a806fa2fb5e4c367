extension LeakyIntegrator {
    /// `leaky_integrator`'s parameters (the table in `LeakyIntegrator.parameters`).
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = LeakyIntegrator.name
        /// `tau_m`: leak time constant [ms].
        public var tauMs = LeakyIntegrator.defaultValue(of: "tau_m")
        /// `V_th`: spike threshold [1].
        public var threshold = LeakyIntegrator.defaultValue(of: "V_th")
        /// `V_reset`: value after a spike [1].
        public var reset = LeakyIntegrator.defaultValue(of: "V_reset")
        /// `t_ref`: refractory period [ms].
        public var refractoryMs = LeakyIntegrator.defaultValue(of: "t_ref")

        /// The defaults, except the values given.
        public init(tauMs: Double? = nil, threshold: Double? = nil, reset: Double? = nil, refractoryMs: Double? = nil) {
            tauMs.map { self.tauMs = $0 }
            threshold.map { self.threshold = $0 }
            reset.map { self.reset = $0 }
            refractoryMs.map { self.refractoryMs = $0 }
        }

        public var values: [String: Double] { ["tau_m": tauMs, "V_th": threshold, "V_reset": reset, "t_ref": refractoryMs] }
    }
}
