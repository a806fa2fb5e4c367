/// A neuron model's parameters as a typed value with the model's (NEST's) defaults, for building a
/// `PopulationSpec` in Swift: `PopulationSpec(name: "exc", size: 800, IafPscExp.Parameters(tauMembraneMs: 20))`.
/// It lowers to the same keyed values a JSON config gives, checked against the model's parameter table.
public protocol ModelParameters: Sendable {
    /// The model's config name (`iaf_psc_exp`).
    static var modelName: String { get }
    /// Every numeric parameter by its config key (`tau_m`).
    var values: [String: Double] { get }
    /// Every choice parameter (`ParameterSpec.Constraint.oneOf`) by its config key, as the name of the choice.
    var choices: [String: String] { get }
}

extension ModelParameters {
    /// No choices: the parameters are all numbers.
    public var choices: [String: String] { [:] }
}

extension NeuronModel {
    /// The default of parameter `key` in the model's table (the typed parameters' defaults come from here).
    public static func defaultValue(of key: String) -> Double {
        guard let spec = parameters.first(where: { $0.key == key }) else {
            preconditionFailure("\(name) has no parameter \(key)")
        }
        return spec.defaultValue
    }

    /// The default of choice parameter `key`, as the enumeration whose raw values are the choice's names.
    public static func defaultChoice<Choice: RawRepresentable>(of key: String, as _: Choice.Type = Choice.self) -> Choice
        where Choice.RawValue == String {
        guard let spec = parameters.first(where: { $0.key == key }), spec.choices != nil,
              let choice = Choice(rawValue: spec.defaultText) else {
            preconditionFailure("\(name) has no choice \(key) of \(Choice.self)")
        }
        return choice
    }
}
