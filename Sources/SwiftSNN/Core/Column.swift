/// A fixed-size array with value semantics (copy on write) whose elements can be handed to worker threads as a
/// raw pointer: the per-neuron and per-synapse columns that the engine's threads update in disjoint ranges.
///
/// `mutablePointer()` makes the storage unique and returns its base address, which stays valid until this column
/// is copied and mutated, or destroyed; the engine takes it at the start of a run and never copies the column
/// during the run. (A Swift `Array` cannot promise a pointer outside `withUnsafeMutableBufferPointer`, whose
/// closures cannot be nested for a variable number of populations.)
public struct Column<Element>: @unchecked Sendable, RandomAccessCollection, MutableCollection {
    final class Storage {
        let base: UnsafeMutablePointer<Element>
        let count: Int

        init(count: Int) {
            // Cache-line aligned: a vector load of a 64-byte aligned column never straddles two lines (AVX-512
            // loads of a 16-byte aligned one straddle on every load; CUBA ran 1.6x slower in such runs).
            base = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(count, 1) * MemoryLayout<Element>.stride,
                                                    alignment: Swift.max(64, MemoryLayout<Element>.alignment))
                .bindMemory(to: Element.self, capacity: Swift.max(count, 1))
            self.count = count
        }

        deinit {
            base.deinitialize(count: count)
            UnsafeMutableRawPointer(base).deallocate()
        }
    }

    private var storage: Storage

    /// `count` copies of `value`.
    public init(repeating value: Element, count: Int) {
        storage = Storage(count: count)
        storage.base.initialize(repeating: value, count: count)
    }

    /// The elements of a sequence.
    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        let array = Array(elements)
        storage = Storage(count: array.count)
        array.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { storage.base.initialize(from: base, count: buffer.count) }
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.count }

    public subscript(position: Int) -> Element {
        get {
            precondition(position >= 0 && position < storage.count, "Column index out of range")
            return storage.base[position]
        }
        set {
            precondition(position >= 0 && position < storage.count, "Column index out of range")
            makeUnique()
            storage.base[position] = newValue
        }
    }

    /// The base address for reading only; valid as long as `mutablePointer()`'s would be.
    public var baseAddress: UnsafePointer<Element> { UnsafePointer(storage.base) }

    /// The base address for raw access; see the type's documentation for how long it stays valid.
    public mutating func mutablePointer() -> UnsafeMutablePointer<Element> {
        makeUnique()
        return storage.base
    }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            let copy = Storage(count: storage.count)
            copy.base.initialize(from: storage.base, count: storage.count)
            storage = copy
        }
    }
}

extension Column: Equatable where Element: Equatable {
    public static func == (a: Column, b: Column) -> Bool { a.elementsEqual(b) }
}
