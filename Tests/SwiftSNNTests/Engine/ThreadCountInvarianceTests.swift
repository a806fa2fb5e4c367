import Foundation
import Testing
@testable import SwiftSNN

/// The clock engine's output must not depend on the number of threads (target-partitioned delivery, see
/// `ThreadPartition`). Reference: the 1-thread run of the same network.
@Suite struct ThreadCountInvarianceTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Spike files of every recorder after `durationMs` with `threads` threads, on an already built network.
    static func spikeOutputs(_ network: Network, recorders: [any Recorder], threads: Int, durationMs: Double) throws -> [Data] {
        var engine = try ClockDrivenEngine(network: network, threads: threads)
        var recorders = recorders
        try engine.run(durationMs: durationMs, recorders: &recorders, observer: nil)
        return recorders.map { $0.output(grid: network.grid) }
    }

    @Test(arguments: [("cuba", 200.0), ("coba", 100.0), ("brunel", 30.0), ("astro_stdp", 300.0), ("tripartite", 300.0)])
    func bundledConfigGivesIdenticalSpikesForOneToFourThreads(name: String, durationMs: Double) throws {
        let config = try NetworkSpec.load(from: Self.repositoryRoot.appendingPathComponent("configs/\(name).json"))
        let network = try NetworkBuilder().build(config)
        let recorders = try config.recorders.enumerated().map { try $0.element.makeRecorder(for: network, path: "recorders[\($0.offset)]") }
        let reference = try Self.spikeOutputs(network, recorders: recorders, threads: 1, durationMs: durationMs)
        let spikeCount = try reference.reduce(0) { $0 + (try NpyArray(data: $1)).count }
        #expect(spikeCount > 0, "the window must contain spikes for the comparison to mean something")
        for threads in 2...4 {
            #expect(try Self.spikeOutputs(network, recorders: recorders, threads: threads, durationMs: durationMs) == reference,
                    "\(name) with \(threads) threads")
        }
    }
}
