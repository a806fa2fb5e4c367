extension ReadoutIntegrator {
    /// `readout_integrator`'s parameters (the table in `ReadoutIntegrator.parameters`).
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = ReadoutIntegrator.name
        /// `tau_m`: leak time constant, 0 for none [ms].
        public var tauMs = ReadoutIntegrator.defaultValue(of: "tau_m")

        /// The defaults, except the value given.
        public init(tauMs: Double? = nil) {
            tauMs.map { self.tauMs = $0 }
        }

        public var values: [String: Double] { ["tau_m": tauMs] }
    }
}
