extension SpikingJellyLIF {
    /// `spikingjelly_lif`'s parameters with SpikingJelly's defaults (the table in `SpikingJellyLIF.parameters`).
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = SpikingJellyLIF.name
        /// `tau`: membrane time constant τ [steps].
        public var tau = SpikingJellyLIF.defaultValue(of: "tau")
        /// `decay_input`: whether the input is divided by τ.
        public var decayInput = true
        /// `v_threshold`: threshold V_th [1].
        public var threshold = SpikingJellyLIF.defaultValue(of: "v_threshold")
        /// `v_reset`: reset value V_reset [1].
        public var reset = SpikingJellyLIF.defaultValue(of: "v_reset")
        /// `reset_mode`: hard (V ← V_reset) or soft (V ← H − V_th).
        public var resetMode: ResetMode = SpikingJellyLIF.defaultChoice(of: "reset_mode")

        /// The defaults, except the values given.
        public init(tau: Double? = nil, decayInput: Bool? = nil, threshold: Double? = nil, reset: Double? = nil,
                    resetMode: ResetMode? = nil) {
            tau.map { self.tau = $0 }
            decayInput.map { self.decayInput = $0 }
            threshold.map { self.threshold = $0 }
            reset.map { self.reset = $0 }
            resetMode.map { self.resetMode = $0 }
        }

        public var values: [String: Double] { ["tau": tau, "v_threshold": threshold, "v_reset": reset] }
        public var choices: [String: String] { ["decay_input": decayInput ? "true" : "false", "reset_mode": resetMode.rawValue] }
    }
}
