/// A failure that is not about one config value (I/O, an unsupported combination), as one line for the user.
public struct SNNError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
