extension LavaCubaLIF {
    /// `lava_cuba_lif`'s parameters with Lava's defaults (the table in `LavaCubaLIF.parameters`).
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = LavaCubaLIF.name
        /// `du`: current decay per step [1].
        public var currentDecay = LavaCubaLIF.defaultValue(of: "du")
        /// `dv`: voltage decay per step [1].
        public var voltageDecay = LavaCubaLIF.defaultValue(of: "dv")
        /// `vth`: threshold [1].
        public var threshold = LavaCubaLIF.defaultValue(of: "vth")
        /// `bias_mant`: bias added to v every step [1].
        public var bias = LavaCubaLIF.defaultValue(of: "bias_mant")

        /// The defaults, except the values given.
        public init(currentDecay: Double? = nil, voltageDecay: Double? = nil, threshold: Double? = nil, bias: Double? = nil) {
            currentDecay.map { self.currentDecay = $0 }
            voltageDecay.map { self.voltageDecay = $0 }
            threshold.map { self.threshold = $0 }
            bias.map { self.bias = $0 }
        }

        public var values: [String: Double] { ["du": currentDecay, "dv": voltageDecay, "vth": threshold, "bias_mant": bias] }
    }
}
