extension SnnTorchLeaky {
    /// `snntorch_leaky`'s parameters with snnTorch's defaults where it has them (the table in `SnnTorchLeaky.parameters`).
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = SnnTorchLeaky.name
        /// `beta`: membrane decay per step β [1].
        public var beta = SnnTorchLeaky.defaultValue(of: "beta")
        /// `threshold`: threshold θ [1].
        public var threshold = SnnTorchLeaky.defaultValue(of: "threshold")
        /// `reset_mechanism`: what a spike does to U in the next step.
        public var resetMechanism: ResetMechanism = SnnTorchLeaky.defaultChoice(of: "reset_mechanism")

        /// `reset_delay`: whether a spike resets U only in the next step (snnTorch's default).
        public var resetDelay = true

        /// The defaults, except the values given.
        public init(beta: Double? = nil, threshold: Double? = nil, resetMechanism: ResetMechanism? = nil,
                    resetDelay: Bool? = nil) {
            beta.map { self.beta = $0 }
            threshold.map { self.threshold = $0 }
            resetMechanism.map { self.resetMechanism = $0 }
            resetDelay.map { self.resetDelay = $0 }
        }

        public var values: [String: Double] { ["beta": beta, "threshold": threshold] }
        public var choices: [String: String] { ["reset_mechanism": resetMechanism.rawValue, "reset_delay": resetDelay ? "true" : "false"] }
    }
}
