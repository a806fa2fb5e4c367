extension WindowIntegrator {
    /// `window_integrator`'s parameters (the table in `WindowIntegrator.parameters`).
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = WindowIntegrator.name
        /// `window_ms`: window length, a multiple of dt [ms].
        public var windowMs = WindowIntegrator.defaultValue(of: "window_ms")
        /// `V_th`: threshold the window's sum is compared with [1].
        public var threshold = WindowIntegrator.defaultValue(of: "V_th")

        /// The defaults, except the values given.
        public init(windowMs: Double? = nil, threshold: Double? = nil) {
            windowMs.map { self.windowMs = $0 }
            threshold.map { self.threshold = $0 }
        }

        public var values: [String: Double] { ["window_ms": windowMs, "V_th": threshold] }
    }
}
