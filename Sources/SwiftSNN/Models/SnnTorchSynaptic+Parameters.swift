extension SnnTorchSynaptic {
    /// `snntorch_synaptic`'s parameters (the table in `SnnTorchSynaptic.parameters`).
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = SnnTorchSynaptic.name
        /// `alpha`: synaptic current decay per step α [1].
        public var alpha = SnnTorchSynaptic.defaultValue(of: "alpha")
        /// `beta`: membrane decay per step β [1].
        public var beta = SnnTorchSynaptic.defaultValue(of: "beta")
        /// `threshold`: threshold θ [1].
        public var threshold = SnnTorchSynaptic.defaultValue(of: "threshold")
        /// `reset_mechanism`: what a spike does to U in the next step.
        public var resetMechanism: SnnTorchLeaky.ResetMechanism = SnnTorchSynaptic.defaultChoice(of: "reset_mechanism")

        /// `reset_delay`: whether a spike resets U only in the next step (snnTorch's default).
        public var resetDelay = true

        /// The defaults, except the values given.
        public init(alpha: Double? = nil, beta: Double? = nil, threshold: Double? = nil,
                    resetMechanism: SnnTorchLeaky.ResetMechanism? = nil, resetDelay: Bool? = nil) {
            alpha.map { self.alpha = $0 }
            beta.map { self.beta = $0 }
            threshold.map { self.threshold = $0 }
            resetMechanism.map { self.resetMechanism = $0 }
            resetDelay.map { self.resetDelay = $0 }
        }

        public var values: [String: Double] { ["alpha": alpha, "beta": beta, "threshold": threshold] }
        public var choices: [String: String] { ["reset_mechanism": resetMechanism.rawValue, "reset_delay": resetDelay ? "true" : "false"] }
    }
}
