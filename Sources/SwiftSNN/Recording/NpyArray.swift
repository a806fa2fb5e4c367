import Foundation

/// Errors reading a `.npy` file, phrased for a one-line message.
public struct NpyError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// A NumPy `.npy` array (format 1.0–3.0), read into memory: little-endian float64/float32/int32/int64/int16/uint8
/// arrays, and structured arrays whose fields are such numbers. Reference: numpy/lib/format.py (NEP 1).
public struct NpyArray: Sendable {
    /// One field of a structured array.
    public struct Field: Sendable {
        /// The field's name.
        public var name: String
        /// Its numpy type code (`<f8`).
        public var type: String
        var offset: Int
    }

    /// The array's shape.
    public var shape: [Int]
    /// The fields of a structured array; one unnamed field otherwise.
    public var fields: [Field]
    var itemSize: Int
    var payload: Data

    /// The longest header read; numpy itself refuses headers over 10 000 bytes unless told otherwise.
    public static let maxHeaderBytes = 1 << 16

    /// Reads a `.npy` file. The file is mapped, not read: only the header and the elements converted are touched,
    /// so a file that is not what it should be is refused without reading it whole.
    public static func read(from url: URL) throws -> NpyArray {
        let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
        guard type == .typeRegular, let data = try? Data(contentsOf: url, options: .alwaysMapped) else {
            throw NpyError(description: "cannot read \(url.lastPathComponent)\(type == nil || type == .typeRegular ? "" : ": not a regular file")")
        }
        return try NpyArray(data: data)
    }

    /// Parses `.npy` bytes.
    public init(data: Data) throws {
        let bytes = [UInt8](data.prefix(12))
        guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1...5]) == Array("NUMPY".utf8) else {
            throw NpyError(description: "not a .npy file")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        if major == 1 {
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        } else {
            guard bytes.count >= 12 else { throw NpyError(description: "truncated .npy header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        }
        guard headerLength <= Self.maxHeaderBytes else {
            throw NpyError(description: ".npy header of \(headerLength) bytes; at most \(Self.maxHeaderBytes)")
        }
        let headerBytes = (data.startIndex + headerStart)..<(data.startIndex + headerStart + headerLength)
        guard data.count >= headerStart + headerLength, let header = String(data: data[headerBytes], encoding: .utf8)
        else { throw NpyError(description: "truncated .npy header") }
        guard !header.contains("'fortran_order': True") else { throw NpyError(description: "Fortran-ordered .npy is not supported") }
        shape = try Self.parseShape(header)
        (fields, itemSize) = try Self.parseDescr(header)
        // A slice, not a copy: a mapped file stays mapped.
        payload = data[headerBytes.upperBound...]
        // Checked products: a header may claim any shape, and the elements must be in the file.
        let short = NpyError(description: ".npy data is shorter than its shape \(shape) says")
        let size = shape.contains(0) ? 0 : try shape.reduce(itemSize) { size, n in
            let (product, overflow) = size.multipliedReportingOverflow(by: n)
            guard !overflow else { throw short }
            return product
        }
        guard size <= payload.count else { throw short }
    }

    /// Elements (the product of `shape`).
    public var count: Int { shape.reduce(1, *) }

    /// All elements of a plain numeric array, converted to Double, in C order.
    public func doubles() throws -> [Double] {
        guard fields.count == 1, fields[0].name.isEmpty else {
            throw NpyError(description: "expected a plain numeric array, got a structured one")
        }
        return try column(fields[0])
    }

    /// One field of a structured array, converted to Double.
    public func field(_ name: String) throws -> [Double] {
        guard let f = fields.first(where: { $0.name == name }) else {
            throw NpyError(description: "structured array has no field '\(name)'")
        }
        return try column(f)
    }

    private func column(_ f: Field) throws -> [Double] {
        let n = count
        var out = [Double](repeating: 0, count: n)
        try payload.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            for i in 0..<n {
                let at = i * itemSize + f.offset
                switch f.type {
                case "<f8": out[i] = raw.loadUnaligned(fromByteOffset: at, as: Double.self)
                case "<f4": out[i] = Double(raw.loadUnaligned(fromByteOffset: at, as: Float.self))
                case "<i4": out[i] = Double(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int32.self)))
                case "<i8": out[i] = Double(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int64.self)))
                case "<i2": out[i] = Double(Int16(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: Int16.self)))
                case "|u1", "|b1": out[i] = Double(raw[at])
                default: throw NpyError(description: "unsupported dtype \(f.type)")
                }
            }
        }
        return out
    }

    private static let sizes: [String: Int] = ["<f8": 8, "<f4": 4, "<i4": 4, "<i8": 8, "<i2": 2, "|u1": 1, "|b1": 1]

    private static func parseShape(_ header: String) throws -> [Int] {
        guard let r = header.range(of: "'shape':"),
              let open = header[r.upperBound...].firstIndex(of: "("),
              let close = header[open...].firstIndex(of: ")")
        else { throw NpyError(description: "no shape in .npy header") }
        return try header[header.index(after: open)..<close].split(separator: ",").compactMap {
            let t = $0.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { return nil }
            guard let v = Int(t), v >= 0 else { throw NpyError(description: "bad shape in .npy header") }
            return v
        }
    }

    private static func parseDescr(_ header: String) throws -> ([Field], Int) {
        guard let r = header.range(of: "'descr':") else { throw NpyError(description: "no descr in .npy header") }
        let rest = header[r.upperBound...].trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix("'") {
            let type = String(rest.dropFirst().prefix { $0 != "'" })
            guard let size = sizes[type] else { throw NpyError(description: "unsupported dtype \(type)") }
            return ([Field(name: "", type: type, offset: 0)], size)
        }
        // Structured: [('t', '<f8'), ('id', '<i4')]
        guard let end = rest.firstIndex(of: "]") else { throw NpyError(description: "bad descr in .npy header") }
        var fields: [Field] = []
        var offset = 0
        for part in rest[..<end].components(separatedBy: "(").dropFirst() {
            // "'t', '<f8'), " splits into "", "t", ", ", "<f8", "), ": the quoted texts are the odd pieces.
            let quoted = part.split(separator: "'", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) }
            guard quoted.count >= 2, let size = sizes[quoted[1]] else {
                throw NpyError(description: "unsupported structured dtype in .npy header")
            }
            fields.append(Field(name: quoted[0], type: quoted[1], offset: offset))
            offset += size
        }
        return (fields, offset)
    }
}
