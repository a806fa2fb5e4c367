/// `window_integrator` neurons as the event-driven engine drives them. The model is defined on the time grid
/// (`WindowIntegrator`: tumbling windows of n steps of dt, window j covering (j·n·dt, (j+1)·n·dt]), so its
/// event-driven form keeps that grid for the windows and nothing else: an input arriving at its exact time t joins
/// the window containing t (a time within 1e-9 steps of a window's end counts as at it, so that t_pre + d summed
/// in floating point stays in the window the clock engine puts it in), and a window whose sum reaches V_th fires
/// at its end, after every input arriving at that instant (`ScheduledEvent`'s order). A generator current adds
/// current × weight in each step it is on, as in the clock engine, where it is read in the step it reaches the
/// neuron like a spike: a current switched on at t counts from the step ending at t, one switched off at t last in
/// the step before. Here it is accrued in proportion to the time it flows, starting one step's worth early, so on
/// the grid both engines sum the same. The crossing queue holds, per neuron, the end of the first window still to come that will fire unless
/// more input arrives.
final class WindowNeurons: EventDrivenNeurons {
    private var group: NeuronGroup<WindowIntegrator>
    private let firstId: Int
    private let count: Int
    private let dtMs: Double
    private let windowSteps: Int64
    private let threshold: Double
    /// Per neuron: the window its V_m belongs to (−1: the initial value, before the first window).
    private var window: [Int64]
    /// Per neuron: the last window that has fired.
    private var firedWindow: [Int64]
    /// Per neuron: when V_m was last brought up to date.
    private var lastUpdateMs: [Double]
    /// Per neuron: the generator current × weight flowing now, added once per step of dt.
    private var current: [Double]

    init(_ group: NeuronGroup<WindowIntegrator>, firstId: Int, grid: TimeGrid) {
        self.group = group
        self.firstId = firstId
        count = group.count
        dtMs = grid.dtMs
        windowSteps = Int64(group.model.windowSteps)
        threshold = group.model.threshold
        window = [Int64](repeating: -1, count: count)
        firedWindow = [Int64](repeating: -1, count: count)
        lastUpdateMs = [Double](repeating: 0, count: count)
        current = [Double](repeating: 0, count: count)
    }

    var population: any Population { group }

    func firstNonFiniteValue() -> (variable: Int, neuron: Int)? { group.firstNonFiniteValue() }

    func save(to writer: inout CheckpointWriter) {
        group.save(to: &writer)
        writer.write(window)
        writer.write(firedWindow)
        writer.write(lastUpdateMs)
        writer.write(current)
    }

    func restore(from reader: inout CheckpointReader, nowMs: Double) throws {
        try group.restore(from: &reader)
        let name = group.name
        let windows = try reader.readArray(of: Int64.self, "the windows of population '\(name)'")
        let fired = try reader.readArray(of: Int64.self, "the fired windows of population '\(name)'")
        let clocks = try reader.readArray(of: Double.self, "the clocks of population '\(name)'")
        let currents = try reader.readArray(of: Double.self, "the currents of population '\(name)'")
        // No window after the one of `nowMs` has begun, so none has fired either.
        let latest = windowIndex(at: nowMs)
        guard [windows.count, fired.count, clocks.count, currents.count].allSatisfy({ $0 == count }),
              (windows + fired).allSatisfy({ (-1...latest).contains($0) }), clocks.allSatisfy({ $0.isFinite && $0 <= nowMs }),
              currents.allSatisfy(\.isFinite), group.firstNonFiniteValue() == nil else {
            throw SNNError("\(reader.source): population '\(name)' has impossible windows, clocks or state (corrupt checkpoint)")
        }
        (window, firedWindow, lastUpdateMs, current) = (windows, fired, clocks, currents)
    }

    func start(at t: Double, crossings: inout CrossingQueue) {
        for i in 0..<count {
            lastUpdateMs[i] = t
            predict(i, at: t, crossings: &crossings)
        }
    }

    func population(at t: Double) -> any Population {
        var snapshot = group
        for i in 0..<count { snapshot.state[i] = value(ofVariable: 0, neuron: i, at: t) }
        return snapshot
    }

    func resume(after previous: any EventDrivenNeurons, at t: Double, crossings: inout CrossingQueue) throws {
        guard let previous = previous as? WindowNeurons, previous.count == count, previous.windowSteps == windowSteps else {
            throw SNNError("population '\(group.name)' changed its size or window; a change between runs keeps the network's structure")
        }
        // `population(at: t)` brought every V_m into the window of `t`.
        window = [Int64](repeating: windowIndex(at: t), count: count)
        firedWindow = previous.firedWindow
        current = previous.current
        start(at: t, crossings: &crossings)
    }

    func receive(targets: UnsafeBufferPointer<UInt32>, weights: UnsafeBufferPointer<Float>, at t: Double,
                 crossings: inout CrossingQueue) {
        for k in targets.indices {
            let i = Int(targets[k])
            advance(i, to: t)
            group.state[i] += Double(weights[k])
            predict(i, at: t, crossings: &crossings)
        }
    }

    func changeCurrent(_ i: Int, by pA: Double, at t: Double, crossings: inout CrossingQueue) {
        advance(i, to: t)
        current[i] += pA
        group.state[i] += pA
        predict(i, at: t, crossings: &crossings)
    }

    func fire(_ i: Int, at t: Double, crossings: inout CrossingQueue) {
        advance(i, to: t)
        firedWindow[i] = windowIndex(at: t)
        predict(i, at: t, crossings: &crossings)
    }

    func resolveCrossing(_ i: Int, crossings: inout CrossingQueue) {
        preconditionFailure("window_integrator queues exact window ends, never lower bounds")
    }

    func value(ofVariable v: Int, neuron i: Int, at t: Double) -> Double {
        let j = windowIndex(at: t)
        if j > window[i] { return current[i] * (t - windowStartMs(j)) / dtMs }
        return group.state[i] + current[i] * (t - lastUpdateMs[i]) / dtMs
    }

    /// The window containing `t`: the one of the step (k·dt, (k+1)·dt] that contains it.
    private func windowIndex(at t: Double) -> Int64 {
        let steps = t / dtMs, whole = steps.rounded()
        let step = abs(steps - whole) <= 1e-9 * max(1, whole) ? Int64(whole) - 1 : Int64(steps.rounded(.up)) - 1
        return step >= 0 ? step / windowSteps : -1
    }

    private func windowStartMs(_ j: Int64) -> Double { Double(j * windowSteps) * dtMs }

    /// The time stamp of window `j`'s end, as the clock engine stamps a spike of the window's last step.
    private func windowEndMs(_ j: Int64) -> Double { windowStartMs(j + 1) }

    /// Brings V_m to `t`, starting a new window's sum if `t` lies in a later window.
    private func advance(_ i: Int, to t: Double) {
        let j = windowIndex(at: t)
        if j > window[i] {
            group.state[i] = current[i] * (t - windowStartMs(j)) / dtMs
            window[i] = j
        } else {
            group.state[i] += current[i] * (t - lastUpdateMs[i]) / dtMs
        }
        lastUpdateMs[i] = t
    }

    /// Queues the end of the first window from `t` on that reaches V_th without further input: the neuron's own
    /// (brought up to `t`), if it has not fired, or, with the current alone, the next.
    private func predict(_ i: Int, at t: Double, crossings: inout CrossingQueue) {
        let j = window[i]
        if j > firedWindow[i] && group.state[i] + current[i] * (windowEndMs(j) - t) / dtMs >= threshold {
            crossings.set(firstId + i, to: windowEndMs(j))
        } else if current[i] * Double(windowSteps) >= threshold {
            crossings.set(firstId + i, to: windowEndMs(j + 1))
        } else {
            crossings.set(firstId + i, to: nil)
        }
    }
}
