/// What both engines do for recorders after every step: recorders observe the step's spikes and the populations'
/// state; modulator recorders sample the values the step used; weight recorders sample plastic weights when due.
/// Weight and modulator recorders are taken out of the run's `[any Recorder]` for the run (`TypedRecorders`) and
/// put back by `finish`.
struct RunRecording {
    private var weightRecorders: TypedRecorders<WeightRecorder>
    private var modulatorRecorders: TypedRecorders<ModulatorRecorder>
    /// Recorders the engine feeds in its own way (the event engine's exact spike recorders), by position.
    private let observedElsewhere: [Bool]

    init(_ recorders: [any Recorder], observedElsewhere: (any Recorder) -> Bool = { _ in false }) {
        weightRecorders = TypedRecorders(of: recorders)
        modulatorRecorders = TypedRecorders(of: recorders)
        self.observedElsewhere = recorders.map(observedElsewhere)
    }

    /// After step `step`. `weights(plastic)` gives the current weights of `Network.plasticProjections[plastic]`,
    /// called only when a sample of them is due (the clock engine first applies deferred updates); `delays(plastic)`
    /// its learned delays [ms].
    mutating func observe(step: Int, spikes: [[Int32]], populations: [any Population], modulators: [Modulator],
                          recorders: inout [any Recorder], weights: (_ plastic: Int) -> UnsafePointer<Float>,
                          delays: (_ plastic: Int) -> UnsafePointer<Double>? = { _ in nil }) {
        for m in modulatorRecorders.recorders.indices {
            modulatorRecorders.recorders[m].sample(step: step, modulators: modulators)
        }
        for r in recorders.indices where !observedElsewhere[r] {
            recorders[r].observe(step: step, spikes: spikes, populations: populations)
        }
        for w in weightRecorders.recorders.indices where weightRecorders.recorders[w].isDue(step: step) {
            let plastic = weightRecorders.recorders[w].plastic
            switch weightRecorders.recorders[w].quantity {
            case .weights: weightRecorders.recorders[w].sample(step: step, weights: weights(plastic))
            case .delays:
                if let delays = delays(plastic) { weightRecorders.recorders[w].sample(step: step, delaysMs: delays) }
            }
        }
    }

    /// Puts the weight and modulator recorders back with their samples.
    func finish(into recorders: inout [any Recorder]) {
        weightRecorders.putBack(into: &recorders)
        modulatorRecorders.putBack(into: &recorders)
    }
}
