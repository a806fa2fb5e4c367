/// The predicted threshold crossings of the event-driven engine: a min-heap holding at most one entry per neuron,
/// plus each neuron's position in it, so that a new prediction moves the neuron's entry instead of adding one.
/// In a plain event queue every superseded prediction would stay until its time came; where most inputs change a
/// prediction (cuba_event), those stale entries made the queue hundreds of times larger than the set of live
/// events, and popping them took most of the run. The heap is 4-ary, half the depth of a binary one, since nearly
/// every input moves an entry.
///
/// An entry may hold a lower bound on the crossing time instead of the time itself (`ExactlySolvable.
/// thresholdLowerBound`), to be replaced by the exact time when it reaches the head: every entry behind the head
/// is at or after it, so a bound at the head that is resolved and moves back never lets an event overtake another.
///
/// Neurons are named by an id that numbers the neurons of all event-driven populations, population after
/// population, so ordering entries by (time, id) orders them by (time, population, neuron), as `ScheduledEvent`
/// orders spikes.
struct CrossingQueue {
    private struct Entry {
        var timeMs: Double
        var id: Int32
        var exact: Bool

        @inline(__always)
        static func < (a: Entry, b: Entry) -> Bool { a.timeMs < b.timeMs || (a.timeMs == b.timeMs && a.id < b.id) }
    }

    private var heap: [Entry] = []
    /// Per id, the index of its entry in `heap`; −1 when it has none.
    private var position: [Int32]

    init(neuronCount: Int) {
        position = [Int32](repeating: -1, count: neuronCount)
        heap.reserveCapacity(neuronCount)
    }

    /// The earliest entry; `exact` is false when `timeMs` is a lower bound.
    var first: (timeMs: Double, id: Int, exact: Bool)? { heap.first.map { ($0.timeMs, Int($0.id), $0.exact) } }

    /// Makes `timeMs` neuron `id`'s only predicted crossing, or, if nil, leaves it without one.
    mutating func set(_ id: Int, to timeMs: Double?) {
        guard let timeMs else {
            let at = Int(position[id])
            if at >= 0 { remove(at: at) }
            return
        }
        place(Entry(timeMs: timeMs, id: Int32(id), exact: true))
    }

    /// Replaces neuron `id`'s prediction by a time before which it does not cross.
    mutating func set(_ id: Int, notBefore timeMs: Double) {
        place(Entry(timeMs: timeMs, id: Int32(id), exact: false))
    }

    private mutating func place(_ entry: Entry) {
        let at = Int(position[Int(entry.id)])
        if at < 0 {
            heap.append(entry)
            siftUp(entry, from: heap.count - 1)
        } else if entry < heap[at] {
            siftUp(entry, from: at)
        } else {
            siftDown(entry, from: at)
        }
    }

    mutating func removeFirst() { remove(at: 0) }

    /// Every entry, by id: what a checkpoint saves. Entries are ordered by (time, id) alone, so placing them again
    /// in any order gives a queue that pops the same sequence.
    var entries: [(id: Int, timeMs: Double, exact: Bool)] {
        heap.sorted { $0.id < $1.id }.map { (Int($0.id), $0.timeMs, $0.exact) }
    }

    /// The number of neuron ids.
    var neuronCount: Int { position.count }

    private mutating func remove(at i: Int) {
        position[Int(heap[i].id)] = -1
        let last = heap.removeLast()
        guard i < heap.count else { return }
        if i > 0 && last < heap[(i - 1) / 4] { siftUp(last, from: i) } else { siftDown(last, from: i) }
    }

    /// Places `entry` at hole `i` or above it, moving larger parents down.
    private mutating func siftUp(_ entry: Entry, from i: Int) {
        heap.withUnsafeMutableBufferPointer { heap in
            position.withUnsafeMutableBufferPointer { position in
                var i = i
                while i > 0 {
                    let parent = (i - 1) / 4
                    guard entry < heap[parent] else { break }
                    heap[i] = heap[parent]
                    position[Int(heap[i].id)] = Int32(i)
                    i = parent
                }
                heap[i] = entry
                position[Int(entry.id)] = Int32(i)
            }
        }
    }

    /// Places `entry` at hole `i` or below it, moving smaller children up.
    private mutating func siftDown(_ entry: Entry, from i: Int) {
        heap.withUnsafeMutableBufferPointer { heap in
            position.withUnsafeMutableBufferPointer { position in
                var i = i
                let n = heap.count
                while true {
                    let first = 4 * i + 1
                    guard first < n else { break }
                    var child = first
                    for c in first + 1..<min(first + 4, n) where heap[c] < heap[child] { child = c }
                    guard heap[child] < entry else { break }
                    heap[i] = heap[child]
                    position[Int(heap[i].id)] = Int32(i)
                    i = child
                }
                heap[i] = entry
                position[Int(entry.id)] = Int32(i)
            }
        }
    }
}
