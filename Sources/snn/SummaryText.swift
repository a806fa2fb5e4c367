import Foundation
import SwiftSNN

/// The human-readable run summary `snn run` prints on stdout.
struct SummaryText {
    var text: String

    init(_ s: RunSummary, directory: String) {
        var lines = [String(format: "simulated %.0f ms in %.3f s (build %.3f s), engine %@, seed %llu, %d thread(s)",
                            s.simulatedMs, s.timing.runSeconds, s.timing.buildSeconds, s.engine, s.seed, s.threads)]
        for name in s.populations.keys.sorted() {
            let p = s.populations[name]!
            lines.append(String(format: "  %@: %d neurons, %d spikes, %.3f Hz", name, p.size, p.spikes, p.rateHz))
        }
        lines.append(String(format: "  %d synapses, %llu synaptic events, %.3g events/s", s.synapses, s.synapticEvents,
                            s.eventsPerSecond))
        lines.append("outputs in \(directory)")
        text = lines.joined(separator: "\n")
    }
}
