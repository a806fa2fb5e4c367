import Foundation

/// Progress on stderr: simulated time, wall time, real-time factor and estimated time left, on one line that is
/// rewritten in place.
final class ProgressReporter: Sendable {
    let totalMs: Double
    let enabled: Bool
    private let start = DispatchTime.now()

    init(totalMs: Double, enabled: Bool) {
        self.totalMs = totalMs
        self.enabled = enabled
    }

    func report(simulatedMs: Double) {
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let factor = wall / max(simulatedMs / 1000, 1e-12)
        let eta = (totalMs - simulatedMs) / 1000 * factor
        let line = String(format: "\r%.0f / %.0f ms simulated, %.1f s wall, real-time factor %.2f, ETA %.1f s",
                          simulatedMs, totalMs, wall, factor, eta)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
