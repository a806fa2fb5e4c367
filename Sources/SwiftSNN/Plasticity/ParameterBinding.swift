import Foundation

/// A plasticity parameter that changes during a run, written in the rule's `params` in place of a number:
///
///     "Aminus": {"modulator": "astrocyte"}                        // the modulator's value (× "scale", default 1)
///     "lambda": {"initial": 0.01, "factor": 0.99, "every_ms": 1}  // 0.01 × 0.99^⌊t / 1 ms⌋
///
/// The engine builds the rule anew from the current values whenever one changes, so any parameter of any rule,
/// built in or registered from Swift, can be bound — except those that fix the run's structure (weight bounds,
/// trace time constants, a matrix rule's period), which `NetworkBuilder` refuses. Values from modulators are used
/// as they come, without the parameter's range check (an astrocyte's state may go negative).
public enum ParameterBinding: Sendable, Equatable {
    case modulator(name: String, scale: Double)
    case schedule(initial: Double, factor: Double, everyMs: Double)

    init(_ node: ConfigNode) throws {
        let f = try node.object(allowed: ["modulator", "scale", "initial", "factor", "every_ms"])
        if let name = f["modulator"] {
            for key in ["initial", "factor", "every_ms"] where f[key] != nil {
                throw f[key]!.error("not allowed with 'modulator' (a parameter follows either a modulator or a schedule)")
            }
            self = .modulator(name: try name.string(), scale: try f["scale"]?.number() ?? 1)
            return
        }
        if let scale = f["scale"] { throw scale.error("only allowed with 'modulator'") }
        guard let initial = f["initial"], let factor = f["factor"] else {
            throw node.error("must be a number, {\"modulator\": name} or {\"initial\": x, \"factor\": f, \"every_ms\": t}")
        }
        self = .schedule(initial: try initial.number(), factor: try factor.number(.positive),
                         everyMs: try f["every_ms"]?.number(.positive) ?? 1)
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
        case .modulator(_, let scale): return scale * modulators[modulatorIndex].value
        case .schedule(let initial, let factor, _): return initial * pow(factor, Double(step / stepsPerUpdate))
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
