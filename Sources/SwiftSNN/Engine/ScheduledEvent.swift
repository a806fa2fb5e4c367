/// A pending event of the event-driven engine.
///
/// Events are ordered by (time, kind, population, neuron, stream, index), a total order over everything the engine
/// schedules, so the order in which events were inserted never matters and equal times are resolved the same way
/// in every run. At one instant, generator currents switch first, then spikes arrive (from neurons, then from
/// Poisson generators, then from weighted spike generators), then neurons whose membrane reached threshold fire: like a clock step, which sums its input
/// before it tests the threshold. Postsynaptic spikes delayed on their way back to plastic synapses come last.
struct ScheduledEvent: Comparable {
    enum Kind: UInt8 {
        /// A generator current switches on or off at one target: `stream` is the generator projection, `index`
        /// 2·synapse (on) or 2·synapse + 1 (off).
        case current = 0
        /// A spike of `neuron` of `population` reaches its targets through static projection `stream`: all of its
        /// row, from synapse `index` on, when the projection has one delay; otherwise synapse `index` alone. A
        /// negative `stream` is plastic projection −stream − 1, whose whole row arrives at once (with changing delays,
        /// `LearnedDelays`, each synapse is a row of its own and `neuron` is the synapse).
        case arrival = 1
        /// A Poisson spike reaches synapse `index` of generator projection `stream`.
        case poisson = 2
        /// Spike `neuron` (its position in the source neuron's list) of a spike generator with `spike_weights`
        /// reaches synapse `index` of generator projection `stream`, its weight times the spike's factor. After the
        /// Poisson arrivals of an instant and before the crossings, as every arrival.
        case weightedSpike = 3
        /// `neuron` of `population` fires: a spike generator's spike (`index` is its position in the generator's
        /// list), or a neuron's predicted threshold crossing (`index` 0), which the engine keeps in its
        /// `CrossingQueue` and compares with the other events in this form.
        case spike = 4
        /// A postsynaptic spike of `neuron` of `population` reaches the synapses of plastic projection `stream` back
        /// through the dendrite (its share of the delay, `dendriticFraction`), after the arrivals of that instant, as
        /// an unshifted spike's pairing with them.
        case postsynaptic = 5
    }

    var timeMs: Double
    var kind: Kind
    var population: Int32
    var neuron: Int32
    var stream: Int32
    var index: Int64

    static func < (a: ScheduledEvent, b: ScheduledEvent) -> Bool {
        (a.timeMs, a.kind.rawValue, a.population, a.neuron, a.stream, a.index)
            < (b.timeMs, b.kind.rawValue, b.population, b.neuron, b.stream, b.index)
    }
}
