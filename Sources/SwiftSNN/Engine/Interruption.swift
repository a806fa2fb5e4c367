import CSNNKernels
import Foundation

/// A request to stop the simulation in progress, from SIGINT or SIGTERM once `installSignalHandlers()` has run, or
/// from code (`request()`, e.g. another thread's watchdog). The engines look at it between slices of steps (the
/// clock engine: at most `min(min delay, 100)` steps apart; the event engine: every step) and stop there, and
/// `Simulation.run` then throws `RunInterrupted` with the time reached; the recorders keep everything up to it.
/// The request is process-wide and stays until `clear()`.
public enum Interruption {
    /// Makes SIGINT (Ctrl-C) and SIGTERM request a stop instead of ending the process; a second one ends it.
    public static func installSignalHandlers() throws {
        guard snn_install_stop_handlers() == 0 else { throw SNNError("cannot install the SIGINT/SIGTERM handlers") }
    }

    /// The signal that requested the stop (`SIGINT` 2, `SIGTERM` 15), `requestedFromCode` for `request()`, or
    /// nil when no stop is pending.
    public static var pending: Int32? {
        let signal = snn_stop_requested()
        return signal == 0 ? nil : signal
    }

    /// What `pending` holds after `request()`: no signal's number.
    public static let requestedFromCode: Int32 = 1000

    /// Requests a stop at the next point the engine can stop at.
    public static func request() { snn_request_stop(requestedFromCode) }

    /// Withdraws a pending request, so that the next run goes on to its end.
    public static func clear() { snn_request_stop(0) }
}

/// A run stopped by `Interruption` before its end.
public struct RunInterrupted: Error, CustomStringConvertible {
    /// The signal (`Interruption.pending`) that stopped it.
    public var signal: Int32
    /// The simulated time reached [ms].
    public var timeMs: Double

    public var description: String {
        let cause = signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "a stop request"
        return "interrupted by \(cause) at \(formatNumber(timeMs)) ms"
    }
}
