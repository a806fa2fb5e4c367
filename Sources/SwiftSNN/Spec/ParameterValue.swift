/// One entry of a population's or a plasticity rule's `params`. Neuron models and rules take numbers (or
/// bindings, for parameters that change during a run) and names of choices; inputs also take lists and files.
public enum ParameterValue: Sendable, Equatable {
    /// A number in the parameter's unit.
    case number(Double)
    /// Numbers: spike times shared by every neuron, or one probability per neuron.
    case numbers([Double])
    /// One list of numbers per neuron (`spike_generator`'s `spike_times`).
    case lists([[Double]])
    /// A string: a file name, relative to the spec's base directory, or the name of a choice
    /// (`ParameterSpec.Constraint.oneOf`, e.g. `"reset_mechanism": "zero"`).
    case text(String)
    /// One value per element, drawn or listed (`{"uniform": ...}`, `{"array": ...}`, `{"file": ...}`).
    case values(ValueSpec)
    /// A value that follows a modulator or a schedule during the run.
    case bound(ParameterBinding)

    /// Whether the value follows a modulator or a schedule.
    public var isBound: Bool {
        if case .bound = self { return true }
        return false
    }
}

extension ParameterValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}
