/// NALSM's activity-integrating astrocyte (Ivanov & Michmizos, NeurIPS 2021, eq. 7): one scalar A that
/// integrates the signed spike counts of the populations it listens to and relaxes to `bias`:
///
///     A ← A + (dt/τ)·(bias − A) + Σ_k (weight_k/τ)·(spikes of input k's listened-to neurons in the step)
///
/// At dt = 1 ms this is eq. 7 exactly. As a modulator, A is what plasticity and neuron parameters bound to it
/// follow (NALSM uses it as STDP's depression rate A−).
public struct AstrocyteIntegratorSpec: Sendable, Equatable {
    /// A population the astrocyte listens to, and the weight of each of its spikes (NALSM: +w_astro for the
    /// liquid, −w_astro for the input).
    public struct Input: Sendable, Equatable {
        /// A spike-emitting population's name.
        public var population: String
        /// What each of its spikes adds to A, times 1/τ.
        public var weight: ScheduledNumber

        /// Listening to `population` with `weight` per spike.
        public init(population: String, weight: ScheduledNumber) {
            self.population = population
            self.weight = weight
        }
    }

    /// τ_astro [ms].
    public var tauMs: Double
    /// The value A relaxes to without spikes.
    public var bias: ScheduledNumber
    /// The populations it listens to (at least one).
    public var inputs: [Input]
    /// A multiplicative fading of the state itself: A ← factor·A every `everyMs`, after the step's update (NALSM
    /// multiplies A by 0.99 every ms during feature extraction, with its bias and weights).
    public struct Fade: Sendable, Equatable {
        /// What A is multiplied by.
        public var factor: Double
        /// Default 1 ms.
        public var everyMs: Double?

        /// A ← `factor`·A every `everyMs`.
        public init(factor: Double, everyMs: Double? = nil) {
            self.factor = factor
            self.everyMs = everyMs
        }
    }

    /// Default none.
    public var fade: Fade?
    /// The fraction of each input population the astrocyte listens to: ⌈density·N⌉ neurons drawn at random
    /// (a stream keyed by the seed, the modulator and the input), as NALSM's sparse astrocyte mask. Default 1.
    public var density: Double?

    /// An astrocyte with time constant `tauMs`, relaxing to `bias`.
    public init(tauMs: Double, bias: ScheduledNumber, inputs: [Input], density: Double? = nil, fade: Fade? = nil) {
        self.tauMs = tauMs
        self.bias = bias
        self.inputs = inputs
        self.density = density
        self.fade = fade
    }
}
