/// A problem with user input, reported in the user's vocabulary on one line: `path: problem`.
///
/// `path` is the JSON path inside the config (`populations[1].params.tau_m`) or, for problems that are not
/// about one value, the file name. Every failure the config reader, validator or network builder finds is one of
/// these (but a network too large for memory, `MemoryLimit.Exceeded`), so the CLI can print it and exit non-zero
/// before any output is written.
public struct ConfigError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Where the problem is: a JSON path, or a file name.
    public var path: String
    /// What is wrong and, where it helps, what would be right.
    public var problem: String

    /// The problem `problem` at `path`.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { path.isEmpty ? problem : "\(path): \(problem)" }
}

/// Formats a number the way a user wrote it: `-5`, not `-5.0`; `0.1`, not `0.10000000000000001`.
func formatNumber(_ x: Double) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
}
