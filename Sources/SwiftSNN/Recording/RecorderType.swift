/// A kind of recorder that a spec can name by `type` beside the built-in ones (`spikes`, `state`, `weights`,
/// `modulators`): it makes the recorder from its spec entry's keys, checked against the built network.
/// Registered in a `RecorderRegistry` passed to `Simulation(spec:registry:plasticityRules:recorders:)`.
public protocol RecorderType: Sendable {
    /// The `type` a spec names it by.
    static var name: String { get }
    /// - Parameters:
    ///   - name: the recorder's name; its files are named after it.
    ///   - params: the entry's keys besides `name` and `type` (`"population": "exc"` arrives as `.text("exc")`).
    ///   - network: the lowered network.
    ///   - path: the entry's place in the spec (`recorders[2]`), for errors.
    static func make(name: String, params: [String: ParameterValue], network: Network, path: String) throws -> any Recorder
}

/// The recorder types a spec may name besides the built-in ones.
public struct RecorderRegistry: Sendable {
    /// Registered types.
    public private(set) var types: [any RecorderType.Type] = []

    /// An empty registry.
    public init() {}

    /// Nothing but the built-in types.
    public static let builtIn = RecorderRegistry()

    /// Adds a type (or replaces the one of the same name).
    public mutating func register(_ type: any RecorderType.Type) {
        types.removeAll { $0.name == type.name }
        types.append(type)
    }

    /// The type named `name`, if registered.
    public func type(named name: String) -> (any RecorderType.Type)? { types.first { $0.name == name } }

    /// Every `type` a recorder may have: the built-in ones, then the registered ones.
    public var allNames: [String] { RecorderSpec.typeNames + types.map { $0.name }.sorted() }
}
