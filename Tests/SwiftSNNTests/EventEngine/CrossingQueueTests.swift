import Testing
@testable import SwiftSNN

/// `CrossingQueue` against a dictionary of each neuron's latest prediction: after any sequence of predictions
/// that move a neuron earlier or later, withdraw it, or remove the head, the queue yields exactly the live
/// predictions in (time, id) order.
@Suite struct CrossingQueueTests {
    @Test(arguments: [1, 2, 7, 64])
    func drainsLivePredictionsInTimeThenIdOrder(neuronCount: Int) {
        var rng = RandomStream(seed: 17, purpose: .connectivity, UInt64(neuronCount))
        var queue = CrossingQueue(neuronCount: neuronCount)
        var live: [Int: Double] = [:]
        for _ in 0..<20 * neuronCount {
            let id = rng.nextInt(below: neuronCount)
            switch rng.nextInt(below: 10) {
            case 0:
                queue.set(id, to: nil)
                live[id] = nil
            case 1:
                guard let first = queue.first else { continue }
                let expected = live.min { ($0.value, $0.key) < ($1.value, $1.key) }!
                #expect(first.timeMs == expected.value && first.id == expected.key)
                queue.removeFirst()
                live[first.id] = nil
            default:
                // Few distinct times, so that many entries tie on time and are ordered by id.
                let time = Double(rng.nextInt(below: 8))
                queue.set(id, to: time)
                live[id] = time
            }
        }
        let expected = live.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map { ($0.value, $0.key) }
        var drained: [(Double, Int)] = []
        while let first = queue.first {
            drained.append((first.timeMs, first.id))
            queue.removeFirst()
        }
        #expect(drained.map(\.0) == expected.map(\.0) && drained.map(\.1) == expected.map(\.1))
    }
}
