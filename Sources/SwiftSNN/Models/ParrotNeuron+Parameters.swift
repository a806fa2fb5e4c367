extension ParrotNeuron {
    /// `parrot_neuron` has no parameters.
    public struct Parameters: ModelParameters, Equatable {
        public static let modelName = ParrotNeuron.name
        /// The parrot's (empty) parameter set.
        public init() {}
        public var values: [String: Double] { [:] }
    }
}
