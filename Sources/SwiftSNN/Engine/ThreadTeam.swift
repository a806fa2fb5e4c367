import CSNNKernels

/// Runs work split into parts on the OpenMP runtime's threads (through the C shim, see `snn_parallel`).
enum ThreadTeam {
    /// Calls `body(part)` for every part in 0..<parts, concurrently, and returns when all are done. Parts must
    /// touch disjoint memory; which thread runs a part never matters.
    static func run(parts: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            var task = body
            withUnsafeMutablePointer(to: &task) { pointer in
                snn_parallel(Int32(parts), { context, part, _ in
                    context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(Int(part))
                }, pointer)
            }
        }
    }

    /// The runtime's default thread count (OMP_NUM_THREADS, else the number of cores).
    static var defaultThreadCount: Int { Int(snn_default_thread_count()) }
}
