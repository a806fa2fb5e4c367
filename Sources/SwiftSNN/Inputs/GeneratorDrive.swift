/// The output of a generator that feeds each of its targets directly, defined outside SwiftSNN: each step, a
/// current into the targets' current port or spikes into the synaptic port of the weight's sign, times each
/// synapse's weight, `delay` steps later. A population returns it from `Population.drive(grid:)` as
/// `GeneratorProjection.Drive.custom`; the clock engine runs it (the event engine refuses a drive defined per step).
///
///     struct Ramp: GeneratorDrive {            // a current rising by 1 pA per step
///         var kind: GeneratorDriveKind { .current }
///         func output(ofSource s: Int, step: Int) -> Double { Double(step) }
///     }
public protocol GeneratorDrive: Sendable {
    /// What the output is: a current or a number of spikes.
    var kind: GeneratorDriveKind { get }
    /// Source `s`'s output in clock step `step`: the current [pA] it sends in that step, or the number of spikes it
    /// emits in it (a whole number ≥ 0). The engine's threads each call it for their share of `s`'s synapses, so it
    /// must depend on `s` and `step` alone; a random output draws from a stream keyed by them
    /// (`RandomStream(seed:purpose:_:_:)`), which keeps results the same for any thread count.
    func output(ofSource s: Int, step: Int) -> Double
}

/// What a `GeneratorDrive` sends.
public enum GeneratorDriveKind: Sendable {
    /// A current [pA] times the weight into the target's current port, as `dc_generator`'s.
    case current
    /// A number of spikes times the weight into the port of the product's sign, as `poisson_generator`'s.
    case spikes
}
