import CFuzzerDriver
import Foundation
import SwiftSNN

/// Restores checkpoints whose payload is a real one changed by the input, with length and checksum made right
/// again (so the input reaches the payload reader rather than stopping at the checksum), then runs 2 ms: every
/// input must be refused with an error or restore and run, never trap. The input is a list of edits: byte 0 bit 1
/// picks the event-engine checkpoint instead of the clock engine's, bit 0 truncates the payload to the length in
/// bytes 1-2 (little-endian, modulo its size + 1); then each 3 bytes (offset little-endian modulo the size, value)
/// set one byte. The empty input restores the clock-engine checkpoint unchanged.
struct Checkpoint {
    /// Plastic projections with traces, deferred postsynaptic spikes (a dendritic share of the delay) and a
    /// reward modulator, Poisson and Bernoulli inputs: most of what a clock-engine checkpoint holds.
    static let clockConfig = #"""
        {"simulation": {"duration_ms": 20, "dt_ms": 0.1, "seed": 3},
         "populations": [
           {"name": "in", "size": 20, "model": "poisson_generator", "params": {"rate": 400}},
           {"name": "pixels", "size": 10, "model": "bernoulli_input", "params": {"p": 0.05}},
           {"name": "exc", "size": 30, "model": "iaf_psc_exp", "initial": {"V_m": {"uniform": [-70, -56]}}},
           {"name": "izh", "size": 8, "model": "izhikevich", "params": {"c": {"expression": "-65 + 15*r^2"}}}],
         "projections": [
           {"source": "in", "target": "exc", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 40}},
           {"source": "pixels", "target": "exc", "connectivity": {"rule": "pairwise_bernoulli", "p": 0.5},
            "synapse": {"weight": 300, "delay_ms": 1.5}, "dendritic_fraction": 0.5,
            "plasticity": {"rule": "stdp", "params": {"w_max": 600}}},
           {"source": "exc", "target": "exc", "connectivity": {"rule": "pairwise_bernoulli", "p": 0.3},
            "synapse": {"weight": 50, "delay_ms": {"uniform": [0.5, 3]}},
            "plasticity": {"rule": "three_factor", "params": {"modulation": {"modulator": "reward"}, "tau_e": 50}}},
           {"source": "exc", "target": "izh", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 2}}],
         "modulators": [{"name": "reward", "type": "volume_transmitter", "population": "exc", "tau_ms": 20}]}
        """#
    /// Every kind of event the event engine queues: Poisson trains, a current switching, weighted and plain spike
    /// generators, spikes in flight on one and on per-synapse delays; crossings of two models, detector windows.
    static let eventConfig = #"""
        {"simulation": {"duration_ms": 20, "dt_ms": 0.1, "engine": "event", "seed": 3},
         "populations": [
           {"name": "in", "size": 2, "model": "poisson_generator", "params": {"rate": 900}},
           {"name": "step", "size": 1, "model": "dc_generator", "params": {"amplitude": 300, "start": 5, "stop": 40}},
           {"name": "train", "size": 2, "model": "spike_generator",
            "params": {"spike_times": [[3, 21, 22], [25]], "spike_weights": [[1, 2, -1], [3]]}},
           {"name": "plain", "size": 1, "model": "spike_generator", "params": {"spike_times": [2, 23, 30]}},
           {"name": "exp", "size": 20, "model": "iaf_psc_exp", "initial": {"V_m": {"uniform": [-70, -56]}}},
           {"name": "delta", "size": 10, "model": "iaf_psc_delta"},
           {"name": "window", "size": 3, "model": "window_integrator", "params": {"window_ms": 3, "V_th": 2}}],
         "projections": [
           {"source": "in", "target": "exp", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 300}},
           {"source": "step", "target": "delta", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 1.5}},
           {"source": "train", "target": "delta", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 6}},
           {"source": "plain", "target": "exp", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": 200}},
           {"source": "exp", "target": "delta", "connectivity": {"rule": "pairwise_bernoulli", "p": 0.3},
            "synapse": {"weight": 2, "delay_ms": {"uniform": [0.5, 4]}}},
           {"source": "delta", "target": "exp", "connectivity": {"rule": "fixed_indegree", "K": 3}, "synapse": {"weight": -30, "delay_ms": 1.3}},
           {"source": "exp", "target": "window", "connectivity": {"rule": "fixed_indegree", "K": 4}, "synapse": {"weight": 1}}]}
        """#

    static let file = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-checkpoint-\(getpid()).bin")
    static let clock = Checkpoint(clockConfig), event = Checkpoint(eventConfig)

    let spec: NetworkSpec
    /// The file a run of 20 ms writes: its header (magic, version, fingerprint, length) and payload.
    let header: Data, payload: Data

    init(_ config: String) {
        spec = try! NetworkSpec(json: Data(config.utf8))
        var sim = try! Simulation(spec: spec)
        try! sim.run()
        try! sim.checkpoint(to: Self.file)
        let data = try! Data(contentsOf: Self.file)
        (header, payload) = (data.prefix(28), data.subdata(in: 28..<(data.count - 8)))
    }

    static func fnv1a(_ bytes: Data) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
    }

    /// The checkpoint the input picks and the file the input's edits make of it.
    static func edited(by input: [UInt8]) -> (Checkpoint, Data) {
        let base = (input.first ?? 0) & 2 == 0 ? clock : event
        var payload = base.payload
        var edits = input[...]
        if let mode = edits.first, mode & 1 == 1, input.count >= 3 {
            payload = payload.prefix((Int(input[1]) | Int(input[2]) << 8) % (payload.count + 1))
            edits = input.dropFirst(3)
        } else {
            edits = edits.dropFirst()
        }
        while edits.count >= 3, !payload.isEmpty {
            let (lo, hi, value) = (edits[edits.startIndex], edits[edits.startIndex + 1], edits[edits.startIndex + 2])
            payload[payload.startIndex + (Int(lo) | Int(hi) << 8) % payload.count] = value
            edits = edits.dropFirst(3)
        }
        var file = base.header.prefix(20)
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(payload)
        withUnsafeBytes(of: fnv1a(payload).littleEndian) { file.append(contentsOf: $0) }
        return (base, file)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = bytes.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let (base, file) = Checkpoint.edited(by: input)
    guard (try? file.write(to: Checkpoint.file)) != nil,
          var sim = try? Simulation(restoring: Checkpoint.file, spec: base.spec) else { return 0 }
    _ = try? sim.run(durationMs: 2)
    return 0
}

@main enum FuzzCheckpoint {
    /// The spec and checkpoint this target keeps for the whole run are made with leak reports off: LeakSanitizer
    /// cannot follow pointers that Swift stores with tag bits in spare bits (multi-payload enums such as `Data`'s
    /// storage and `ValueExpression`'s tree), so it would report them at exit. What each input leaves behind is
    /// still checked.
    static func main() {
        __lsan_disable()
        _ = (Checkpoint.clock, Checkpoint.event)
        __lsan_enable()
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
    }
}
