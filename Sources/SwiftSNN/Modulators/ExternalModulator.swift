/// A value set by code that embeds the library, between runs; it holds until set again.
public struct ExternalModulator: ModulatorDynamics {
    /// A value that only code changes.
    public init() {}
    public var kindName: String { "external" }
    public var isSettableFromCode: Bool { true }
}
