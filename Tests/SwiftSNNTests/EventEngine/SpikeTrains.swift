import Foundation
@testable import SwiftSNN

/// The spikes of one recorder as one list of times per neuron, from either engine (exact times from the event
/// engine, step stamps from the clock engine).
enum SpikeTrains {
    static func of(_ simulation: Simulation, recorder name: String, count: Int) throws -> [[Double]] {
        let times: [Double], ids: [Int32]
        if let exact = try? InlineConfig.recorder(name, of: simulation, as: ExactSpikeRecorder.self) {
            (times, ids) = (exact.times, exact.ids)
        } else {
            let stamped = try InlineConfig.recorder(name, of: simulation, as: SpikeRecorder.self)
            (times, ids) = (stamped.times(grid: simulation.network.grid), stamped.ids)
        }
        var trains = [[Double]](repeating: [], count: count)
        for (t, id) in zip(times, ids) { trains[Int(id)].append(t) }
        return trains
    }
}
