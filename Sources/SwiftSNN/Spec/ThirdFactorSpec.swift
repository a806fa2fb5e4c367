/// Astrocytes as the third party of a projection's synapses (NEST's `TripartiteConnect` with
/// `tripartite_bernoulli_with_pool`, which is this with a `pairwise_bernoulli` primary rule): each connection
/// pre → post that the projection's rule makes gets, with probability `p`, an astrocyte drawn from the pool of
/// `post`; that creates a spiking synapse pre → astrocyte (`thirdIn`) and a slow-inward-current synapse
/// astrocyte → post (`thirdOut`).
public struct ThirdFactorSpec: Sendable, Equatable {
    /// How each postsynaptic neuron's pool of astrocytes is chosen.
    public enum PoolType: String, Sendable, CaseIterable {
        /// `poolSize` astrocytes drawn at random for each postsynaptic neuron (in index order).
        case random
        /// Consecutive astrocytes: post j gets [j·poolSize, (j + 1)·poolSize) when N_post·poolSize = N_astro,
        /// or, with poolSize 1, astrocyte ⌊j / (N_post / N_astro)⌋ when N_astro divides N_post.
        case block
    }

    /// A synapse of the third factor: its weight and delay.
    public struct Synapse: Sendable, Equatable {
        /// Weight per synapse, drawn as a projection's.
        public var weight: ValueSpec
        /// Default `ProjectionSpec.defaultDelayMs`.
        public var delayMs: ValueSpec?

        /// A synapse of weight `weight` and delay `delayMs`.
        public init(weight: ValueSpec, delayMs: ValueSpec? = nil) {
            self.weight = weight
            self.delayMs = delayMs
        }
    }

    /// The astrocyte population.
    public var population: String
    /// p_third_if_primary (default 1).
    public var probability: Double?
    /// Default: every astrocyte.
    public var poolSize: Int?
    /// Default random.
    public var poolType: PoolType?
    /// pre → astrocyte (weights ≥ 0: each spike adds delta_IP3·w to IP3).
    public var thirdIn: Synapse
    /// astrocyte → post: the slow inward current, in pA per unit of SIC.
    public var thirdOut: Synapse

    /// Astrocytes of `population` joining the synapses; settings left nil take their defaults.
    public init(population: String, probability: Double? = nil, poolSize: Int? = nil, poolType: PoolType? = nil,
                thirdIn: Synapse, thirdOut: Synapse) {
        self.population = population
        self.probability = probability
        self.poolSize = poolSize
        self.poolType = poolType
        self.thirdIn = thirdIn
        self.thirdOut = thirdOut
    }
}
