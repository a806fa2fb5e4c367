import Foundation

/// A recorder whose main file, `<name>.npy`, grows by rows (spikes, samples), so that a run can write it while it
/// goes on (`RecordingStream`) and keep only what was recorded since the last write in memory. Recorders that are
/// not streaming are written whole at the end.
public protocol StreamingRecorder: Recorder {
    /// The dtype of `<name>.npy` in NumPy's notation (`'<f8'`) and the shape of one row (after the first axis).
    var rowLayout: (descr: String, rowShape: [Int]) { get }
    /// The rows recorded and not yet dropped, as the file's data.
    func pendingRows(grid: TimeGrid) -> (count: Int, data: Data)
    /// Forgets the pending rows (they have been written); what the recorder reports afterwards starts after them.
    mutating func dropPendingRows()
    /// About how many bytes of rows the recorder adds per simulated ms, to bound what waits in memory; 0 when
    /// that depends on the activity (spikes).
    func expectedBytesPerMs(grid: TimeGrid) -> Double
    /// The recorder's files besides `<name>.npy`, which do not grow during the run.
    var companionFiles: [(name: String, data: Data)] { get }
}

extension StreamingRecorder {
    public func expectedBytesPerMs(grid: TimeGrid) -> Double { 0 }
    public var companionFiles: [(name: String, data: Data)] { [] }
}
