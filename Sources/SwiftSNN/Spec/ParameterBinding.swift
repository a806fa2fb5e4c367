import Foundation

/// A plasticity or neuron parameter that changes during a run, written in the rule's or the population's `params` in
/// place of a number:
///
///     "Aminus": {"modulator": "astrocyte"}                        // the modulator's value (× "scale", default 1)
///     "lambda": {"initial": 0.01, "factor": 0.99, "every_ms": 1}  // 0.01 × 0.99^⌊t / 1 ms⌋
///
/// The engine builds the rule anew from the current values whenever one changes, so any parameter of any rule,
/// built in or registered from Swift, can be bound — except those that fix the run's structure (weight bounds,
/// trace time constants, a matrix rule's period), which `NetworkBuilder` refuses. Values from modulators are used
/// as they come, without the parameter's range check (an astrocyte's state may go negative). A neuron model is
/// built anew the same way, with its values range-checked (`PopulationBindings`), in the clock engine only.
public enum ParameterBinding: Sendable, Equatable {
    /// The modulator's value times `scale` (default 1).
    case modulator(name: String, scale: Double?)
    /// `initial`·`factor`^⌊t / `everyMs`⌋ (`everyMs` default 1 ms).
    case schedule(initial: Double, factor: Double, everyMs: Double?)

    /// What the value follows, in errors (`modulator 'astro'`).
    var source: String {
        switch self {
        case .modulator(let name, _): return "modulator '\(name)'"
        case .schedule: return "its schedule"
        }
    }
}

/// A bound parameter of one plastic projection, resolved against the network.
struct BoundParameter: Sendable {
    let key: String
    let binding: ParameterBinding
    /// For `.modulator`: the index in `Network.modulators`.
    let modulatorIndex: Int
    /// For `.schedule`: `every_ms` in steps (at least 1).
    let stepsPerUpdate: Int

    /// The value at the start of `step`, given the modulators' values then.
    func value(step: Int, modulators: [Modulator]) -> Double {
        switch binding {
        case .modulator(_, let scale): return (scale ?? 1) * modulators[modulatorIndex].value
        case .schedule(let initial, let factor, _):
            return SteppedSchedule(initial: initial, factor: factor, stepsPerUpdate: stepsPerUpdate).value(step: step)
        }
    }
}

extension [BoundParameter] {
    /// Sets the bound parameters in `parameters` to their values at the start of `step`; returns whether any
    /// changed, i.e. whether the rule must be built anew.
    func apply(step: Int, modulators: [Modulator], to parameters: inout ParameterValues) -> Bool {
        var changed = false
        for b in self {
            let value = b.value(step: step, modulators: modulators)
            if value != parameters[b.key] {
                parameters.set(b.key, to: value)
                changed = true
            }
        }
        return changed
    }
}
