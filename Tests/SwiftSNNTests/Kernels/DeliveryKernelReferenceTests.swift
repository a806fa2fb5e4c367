import CSNNKernels
import Testing
@testable import SwiftSNN

/// The C delivery kernel against a straightforward Swift loop over the same synapses (reference: the loop below,
/// written from the definition of delivery in `SynapseTable`/`InputRing`), on random networks: whole rows, and
/// rows split at thread-partition boundaries, must give the same bits.
@Suite struct DeliveryKernelReferenceTests {
    struct Case {
        var table: SynapseTable
        var sources: [Int32]
        var steps: [Int64]
        var targets: Int
    }

    static func randomCase(seed: UInt64, perSynapseDelays: Bool,
                           weight: ValueSpec = .uniform(low: -2, high: 3)) throws -> Case {
        let sourceCount = 60, targetCount = 47
        let connections = try ConnectionGenerator(
            connectivity: Connectivity(rule: .pairwiseBernoulli(p: 0.3)), sourceCount: sourceCount,
            targetCount: targetCount, samePopulation: false, seed: seed, projectionIndex: 0).generate()
        let table = try SynapseTable(connections: connections, sourceCount: sourceCount,
                                     weight: weight,
                                     delayMs: perSynapseDelays ? .uniform(low: 0.1, high: 2.0) : .constant(0.7),
                                     dtMs: 0.1, seed: seed, projectionIndex: 0, path: "projections[0]")
        var rng = RandomStream(seed: seed, purpose: .bernoulli, 99)
        var sources: [Int32] = [], steps: [Int64] = []
        for step in 0..<8 {
            for s in 0..<sourceCount where rng.nextUniform() < 0.2 {
                sources.append(Int32(s))
                steps.append(Int64(step))
            }
        }
        return Case(table: table, sources: sources, steps: steps, targets: targetCount)
    }

    /// Planes: 0 excitatory, 1 inhibitory; slots: 32.
    static func reference(_ c: Case) -> [Double] {
        let slotStride = 2 * c.targets
        var ring = [Double](repeating: 0, count: 32 * slotStride)
        for (source, step) in zip(c.sources, c.steps) {
            for k in Int(c.table.rowStart[Int(source)])..<Int(c.table.rowStart[Int(source) + 1]) {
                let w = c.table.weight[k]
                let slot = (Int(step) + c.table.delay(of: k)) & 31
                ring[slot * slotStride + (w < 0 ? 1 : 0) * c.targets + Int(c.table.target[k])] += Double(w)
            }
        }
        return ring
    }

    /// The engine passes one plane twice when all of a projection's weights go to it.
    static func kernel(_ c: Case, parts: Int, planes: (positive: Int32, negative: Int32) = (0, 1)) -> [Double] {
        let partition = ThreadPartition(parts: parts, populationSizes: [c.targets])
        let splits = partition.rowSplits(c.table, targetPopulation: 0)
        var ring = [Double](repeating: 0, count: 32 * 2 * c.targets)
        ring.withUnsafeMutableBufferPointer { values in
            var view = snn_ring(values: values.baseAddress!, slot_mask: 31, slot_stride: 2 * c.targets,
                                plane_stride: c.targets, positive_plane: planes.positive, negative_plane: planes.negative)
            c.table.target.withUnsafeBufferPointer { target in
                c.table.weight.withUnsafeBufferPointer { weight in
                    c.table.delaySteps.withUnsafeBufferPointer { delay in
                        var csr = snn_csr(target: target.baseAddress, weight: weight.baseAddress,
                                          delay: c.table.delaySteps.isEmpty ? nil : delay.baseAddress,
                                          uniform_delay: c.table.uniformDelaySteps)
                        for part in 0..<parts {
                            _ = snn_deliver_static(&csr, splits[part], splits[part + 1], c.sources, c.steps,
                                                   c.sources.count, &view)
                        }
                    }
                }
            }
        }
        return ring
    }

    @Test(arguments: [(1 as UInt64, false), (2, true), (3, true)])
    func deliveryKernelMatchesSwiftReferenceForAnyPartition(seed: UInt64, perSynapseDelays: Bool) throws {
        let c = try Self.randomCase(seed: seed, perSynapseDelays: perSynapseDelays)
        let expected = Self.reference(c)
        #expect(expected.contains { $0 != 0 }, "the case must deliver something")
        for parts in [1, 2, 3, 5] {
            #expect(Self.kernel(c, parts: parts).map(\.bitPattern) == expected.map(\.bitPattern), "\(parts) parts")
        }
    }

    @Test func oneSignProjectionsDeliverToTheirPlaneAlone() throws {
        for (seed, weight, plane) in [(4 as UInt64, ValueSpec.uniform(low: 0.5, high: 3), 0 as Int32),
                                      (5, .uniform(low: -3, high: -0.5), 1)] {
            let c = try Self.randomCase(seed: seed, perSynapseDelays: false, weight: weight)
            let expected = Self.reference(c)
            #expect(expected.contains { $0 != 0 }, "the case must deliver something")
            for parts in [1, 3] {
                #expect(Self.kernel(c, parts: parts, planes: (plane, plane)).map(\.bitPattern) == expected.map(\.bitPattern),
                        "plane \(plane), \(parts) parts")
            }
        }
    }
}
