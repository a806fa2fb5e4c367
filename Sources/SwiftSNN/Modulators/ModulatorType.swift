/// A kind of modulator that a spec can name by `type` beside the built-in ones (`volume_transmitter`,
/// `schedule`, `external`, `astrocyte_integrator`): it makes the modulator's dynamics from its spec entry's keys,
/// checked against the built populations. Registered with `ModelRegistry.register(modulator:)`.
public protocol ModulatorType: Sendable {
    /// The `type` a spec names it by.
    static var name: String { get }
    /// - Parameters:
    ///   - params: the entry's keys besides `name`, `type` and `initial` (`"population": "exc"` arrives as
    ///     `.text("exc")`).
    ///   - network: the network lowered so far: its populations, and the modulators listed before this one.
    ///   - path: the entry's place in the spec (`modulators[1]`), for errors.
    static func make(params: [String: ParameterValue], network: Network, path: String) throws -> any ModulatorDynamics
}
