/// A failure that is not about one config value (I/O, an unsupported combination), as one line for the user.
public struct SNNError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The line shown to the user.
    public var description: String
    /// A failure described in one line.
    public init(_ description: String) { self.description = description }
}
