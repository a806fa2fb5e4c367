/// The recorders of one type, taken out of a run's `[any Recorder]` for the run and put back at its end: the
/// engines sample weight and modulator recorders with calls `Recorder` does not have, and mutating them through
/// the existential array would copy their growing sample buffers at every sample.
struct TypedRecorders<R: Recorder> {
    private let positions: [Int]
    var recorders: [R]

    init(of all: [any Recorder]) {
        positions = all.indices.filter { all[$0] is R }
        recorders = positions.map { all[$0] as! R }
    }

    func putBack(into all: inout [any Recorder]) {
        for (r, recorder) in zip(positions, recorders) { all[r] = recorder }
    }
}
