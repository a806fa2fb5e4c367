import Foundation

/// How much memory a network may take before it is built (`ResourceEstimate`): by default what the machine has
/// available now, so that a typo such as a million neurons too many is refused with one line instead of
/// swapping the machine to a halt or dying in an allocation. `Simulation(spec:memoryLimit:)` and
/// `NetworkBuilder.memoryLimit` take another limit; `snn run --max-memory 64GB` sets one from the command line.
public struct MemoryLimit: Sendable, Equatable, CustomStringConvertible {
    /// The limit [bytes].
    public var bytes: Double
    /// Where the limit comes from, for the error: `available` or `given`.
    public var origin: Origin

    /// Where a limit comes from.
    public enum Origin: Sendable, Equatable {
        /// The memory available on the machine when the limit was taken.
        case available
        /// A limit set by the caller.
        case given
    }

    /// A limit of `bytes`, set by the caller; at most `Int.max` bytes, what a 64-bit process can address, so that
    /// no element count of a network within the limit overflows.
    public init(bytes: Double) {
        self.bytes = min(bytes, Double(Int.max))
        origin = .given
    }

    /// No limit but the address space.
    public static let unlimited = MemoryLimit(bytes: .infinity)

    /// The memory available now: `MemAvailable` of /proc/meminfo (what can be allocated without swapping, as the
    /// kernel estimates it), within the cgroup's `memory.max` when a container sets one; elsewhere the physical
    /// memory.
    public static func available() -> MemoryLimit {
        var bytes = Double(ProcessInfo.processInfo.physicalMemory)
        if let meminfo = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let line = meminfo.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
           let kB = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) {
            bytes = kB * 1024
        }
        if let max = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
           let cap = Double(max.trimmingCharacters(in: .whitespacesAndNewlines)) {
            let used = (try? String(contentsOfFile: "/sys/fs/cgroup/memory.current", encoding: .utf8))
                .flatMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
            bytes = min(bytes, cap - used)
        }
        var limit = MemoryLimit(bytes: bytes)
        limit.origin = .available
        return limit
    }

    /// A size as a user writes it: `8GB`, `512MB`, `1.5TB`, `64GiB`, or a number of bytes; decimal units are powers
    /// of 1000, binary ones (`KiB`, `MiB`, `GiB`, `TiB`) of 1024, case does not matter. Nil for anything else.
    public init?(parsing text: String) {
        let units: [(suffix: String, factor: Double)] = [
            ("kib", 0x1p10), ("mib", 0x1p20), ("gib", 0x1p30), ("tib", 0x1p40),
            ("kb", 1e3), ("mb", 1e6), ("gb", 1e9), ("tb", 1e12), ("k", 1e3), ("m", 1e6), ("g", 1e9), ("t", 1e12), ("b", 1),
        ]
        let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
        let unit = units.first { lower.hasSuffix($0.suffix) }
        let number = unit.map { String(lower.dropLast($0.suffix.count)).trimmingCharacters(in: .whitespaces) } ?? lower
        guard let value = Double(number), value.isFinite, value > 0 else { return nil }
        self.init(bytes: value * (unit?.factor ?? 1))
    }

    /// The limit as the error states it: "24.1 GB available" or "a limit of 8 GB".
    public var description: String {
        origin == .available ? "\(Self.format(bytes)) available" : "a limit of \(Self.format(bytes))"
    }

    /// Bytes in decimal units with three significant digits: `14.2 TB`, `512 MB`, `80 B`.
    public static func format(_ bytes: Double) -> String {
        guard bytes.isFinite else { return "unlimited" }
        let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
        var value = bytes, unit = 0
        while value >= 999.5 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(Int(value)) B" : "\(String(format: "%.3g", value)) \(units[unit])"
    }
}

extension MemoryLimit {
    /// A network whose estimate is above the limit, as one line naming its largest part: "the network needs about
    /// 88 TB, 88 TB of it at projections[0] (1.1e+13 synapses × 8 B); 24.1 GB available".
    public struct Exceeded: Error, CustomStringConvertible, Sendable {
        /// The estimate that did not fit.
        public var estimate: ResourceEstimate
        /// The limit it exceeded.
        public var limit: MemoryLimit

        /// The line for the user, ending with how to raise the limit: `raise` names the way (`--max-memory`).
        public func description(raise: String) -> String {
            var line = "the network needs about \(MemoryLimit.format(estimate.bytes))"
            if let part = estimate.largest {
                line += ", \(MemoryLimit.format(part.bytes)) of it at \(part.path) (\(String(format: "%.3g", part.count)) \(part.items) × \(formatNumber(part.bytesEach)) B)"
            }
            return line + "; \(limit); make \(estimate.largest?.remedy ?? "it") smaller, or raise the limit with \(raise)"
        }

        public var description: String { description(raise: "Simulation(spec:memoryLimit:)") }
    }
}
