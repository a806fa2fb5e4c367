import Foundation

/// A run's output directory being written while the run goes on: streaming recorders (`StreamingRecorder`) have
/// their rows appended to `<name>.npy` under a temporary name at every `flush` and drop them from memory; `finish`
/// writes the rest, renames the files, and writes `summary.json` last, with the manifest of the run's files
/// (`"files"`). The directory is locked from `init` to `finish`, and what an earlier run left there is removed
/// first (`OutputDirectory.removeEarlierRun`), so a finished directory holds one run's complete set of files, and
/// one with no `summary.json` holds a run that did not finish (its partial files each valid up to the last flush).
public final class RecordingStream {
    /// Where the files go.
    public let directory: URL
    private let grid: TimeGrid
    /// Per recorder: its growing file, nil for recorders written whole by `finish`.
    private var files: [GrowingNpyFile?]
    private var lock: Int32?

    /// Prepares `directory` (`OutputDirectory.prepare`), locks it, removes an earlier run's files, and creates the
    /// growing files of `recorders`, which must be the recorders `flush` and `finish` are later given.
    public init(directory: URL, recorders: [any Recorder], grid: TimeGrid) throws {
        try OutputDirectory.prepare(directory)
        let lock = try OutputDirectory.lock(directory)
        self.directory = directory
        self.grid = grid
        self.lock = lock
        do {
            try OutputDirectory.removeEarlierRun(in: directory)
            files = try recorders.map { recorder in
                guard let streaming = recorder as? any StreamingRecorder else { return nil }
                return try GrowingNpyFile(url: directory.appendingPathComponent("\(recorder.name).npy"),
                                          descr: streaming.rowLayout.descr, rowShape: streaming.rowLayout.rowShape)
            }
        } catch {
            OutputDirectory.unlock(lock)
            throw error
        }
    }

    deinit {
        if let lock { OutputDirectory.unlock(lock) }
    }

    /// The longest piece of a run between flushes [ms] (simulated time).
    public static let maximumPieceMs = 1000.0
    /// What the recorders whose rate is known (state, weights, modulators) may hold between flushes [bytes].
    public static let pieceBudgetBytes = 64.0 * 1024 * 1024

    /// How long a run may go between flushes so that the rows waiting in memory stay under `pieceBudgetBytes`,
    /// at most `maximumPieceMs`.
    public func flushIntervalMs(_ recorders: [any Recorder]) -> Double {
        let rate = recorders.reduce(0.0) { $0 + (($1 as? any StreamingRecorder)?.expectedBytesPerMs(grid: grid) ?? 0) }
        return max(grid.dtMs, min(Self.maximumPieceMs, rate > 0 ? Self.pieceBudgetBytes / rate : Self.maximumPieceMs))
    }

    /// Appends the rows each streaming recorder holds to its file and drops them from the recorder.
    public func flush(_ recorders: inout [any Recorder]) throws {
        for r in recorders.indices {
            guard files[r] != nil, var streaming = recorders[r] as? any StreamingRecorder else { continue }
            let rows = streaming.pendingRows(grid: grid)
            try files[r]!.append(rows: rows.count, data: rows.data)
            streaming.dropPendingRows()
            recorders[r] = streaming
        }
    }

    /// Writes what the recorders still hold and the files of those that do not stream, each atomically, renames
    /// the growing files into place, writes `summary` as `summary.json` with the manifest of every file of the run
    /// (`alsoWritten`: names of files the caller wrote into the directory itself), and releases the lock.
    public func finish(_ recorders: [any Recorder], summary: RunSummary, alsoWritten: [String] = []) throws {
        var names = alsoWritten
        for (r, recorder) in recorders.enumerated() {
            if var file = files[r], let streaming = recorder as? any StreamingRecorder {
                let rows = streaming.pendingRows(grid: grid)
                try file.append(rows: rows.count, data: rows.data)
                for companion in streaming.companionFiles {
                    try AtomicFile.write(companion.data, to: directory.appendingPathComponent(companion.name))
                    names.append(companion.name)
                }
                try file.finish()
                names.append(file.url.lastPathComponent)
            } else {
                for file in recorder.files(grid: grid) {
                    try AtomicFile.write(file.data, to: directory.appendingPathComponent(file.name))
                    names.append(file.name)
                }
            }
        }
        var summary = summary
        summary.files = names.sorted()
        try AtomicFile.write(summary.json(), to: directory.appendingPathComponent("summary.json"))
        if let lock { OutputDirectory.unlock(lock) }
        lock = nil
    }
}
