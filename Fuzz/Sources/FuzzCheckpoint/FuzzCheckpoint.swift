import CFuzzerDriver
import Foundation
import SwiftSNN

/// Restores checkpoints whose payload is a real one changed by the input, with length and checksum made right
/// again (so the input reaches the payload reader rather than stopping at the checksum), then runs 2 ms: every
/// input must be refused with an error or restore and run, never trap. The input is a list of edits: byte 0 bit 0
/// truncates the payload to the length in bytes 1-2 (little-endian, modulo its size + 1); then each 3 bytes
/// (offset little-endian modulo the size, value) set one byte. The empty input restores the checkpoint unchanged.
enum Checkpoint {
    /// Plastic projections with traces, deferred postsynaptic spikes (a dendritic share of the delay) and a
    /// reward modulator, Poisson and Bernoulli inputs: most of what a clock-engine checkpoint holds.
    static let config = #"""
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

    static let spec = try! NetworkSpec(json: Data(config.utf8))
    static let file = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-checkpoint-\(getpid()).bin")
    /// The file the run writes after 20 ms: its header (magic, version, fingerprint, length) and payload.
    static let (header, payload): (Data, Data) = {
        var sim = try! Simulation(spec: spec)
        try! sim.run()
        try! sim.checkpoint(to: file)
        let data = try! Data(contentsOf: file)
        return (data.prefix(28), data.subdata(in: 28..<(data.count - 8)))
    }()

    static func fnv1a(_ bytes: Data) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
    }

    static func edited(by input: [UInt8]) -> Data {
        var payload = payload
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
        var file = header.prefix(20)
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(payload)
        withUnsafeBytes(of: fnv1a(payload).littleEndian) { file.append(contentsOf: $0) }
        return file
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = bytes.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    guard (try? Checkpoint.edited(by: input).write(to: Checkpoint.file)) != nil,
          var sim = try? Simulation(restoring: Checkpoint.file, spec: Checkpoint.spec) else { return 0 }
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
        _ = Checkpoint.payload
        __lsan_enable()
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
    }
}
