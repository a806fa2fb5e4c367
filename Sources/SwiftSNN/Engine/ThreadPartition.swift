/// How the engine splits work into parts, one per thread: every population into contiguous neuron ranges, and
/// every projection's rows at the boundaries of its target population's ranges.
///
/// A part owns its neurons' state and their input-ring entries. Because rows are sorted by target, the synapses
/// of a row that reach a part's targets are one contiguous sub-row, located by `rowSplits` without copying
/// synapses (NEST keeps synapses on the target's thread for the same reason). Every part walks the same spikes in
/// the same order, so each target's input is summed in the same order for any number of parts: the output does
/// not depend on the thread count.
struct ThreadPartition: Sendable {
    let parts: Int
    /// `ranges[p][part]`: the neurons of population p that `part` updates.
    let ranges: [[Range<Int>]]

    init(parts: Int, populationSizes: [Int]) {
        self.parts = parts
        ranges = populationSizes.map { n in
            (0..<parts).map { part in (n * part / parts)..<(n * (part + 1) / parts) }
        }
    }

    /// `splits[part][s]..<splits[part + 1][s]` are the synapses of row s whose targets `part` owns.
    func rowSplits(_ table: SynapseTable, targetPopulation: Int) -> [[Int64]] {
        (0...parts).map { part in
            let bound = part == parts ? Int.max : ranges[targetPopulation][part].lowerBound
            return (0..<table.sourceCount).map { s in
                var lo = Int(table.rowStart[s]), hi = Int(table.rowStart[s + 1])
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if Int(table.target[mid]) < bound { lo = mid + 1 } else { hi = mid }
                }
                return Int64(lo)
            }
        }
    }
}
