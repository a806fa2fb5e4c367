extension NalsmLIF {
    /// `nalsm_lif`'s parameters with NALSM's values (the table in `NalsmLIF.parameters`).
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = NalsmLIF.name
        /// `tau_v`: membrane time constant τ_v [ms].
        public var tauMembraneMs = NalsmLIF.defaultValue(of: "tau_v")
        /// `tau_u`: synaptic current time constant τ_u [ms].
        public var tauSynapseMs = NalsmLIF.defaultValue(of: "tau_u")
        /// `V_th`: spike threshold [1].
        public var threshold = NalsmLIF.defaultValue(of: "V_th")
        /// `V_reset`: reset value [1].
        public var reset = NalsmLIF.defaultValue(of: "V_reset")
        /// `b`: bias added every step [1].
        public var bias = NalsmLIF.defaultValue(of: "b")
        /// `t_ref`: refractory period: no spike for this long after one [ms].
        public var refractoryMs = NalsmLIF.defaultValue(of: "t_ref")

        /// The defaults, except the values given.
        public init(tauMembraneMs: Double? = nil, tauSynapseMs: Double? = nil, threshold: Double? = nil, reset: Double? = nil, bias: Double? = nil, refractoryMs: Double? = nil) {
            tauMembraneMs.map { self.tauMembraneMs = $0 }
            tauSynapseMs.map { self.tauSynapseMs = $0 }
            threshold.map { self.threshold = $0 }
            reset.map { self.reset = $0 }
            bias.map { self.bias = $0 }
            refractoryMs.map { self.refractoryMs = $0 }
        }

        public var values: [String: Double] {
            ["tau_v": tauMembraneMs, "tau_u": tauSynapseMs, "V_th": threshold, "V_reset": reset, "b": bias, "t_ref": refractoryMs]
        }
    }
}
