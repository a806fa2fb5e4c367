import Foundation

/// Encodes arrays in NumPy's `.npy` format 1.0 (numpy/lib/format.py): magic, header dict padded so the data starts
/// on a 64-byte boundary, then little-endian C-order data.
public enum NpyWriter {
    /// The dtype of float64 arrays.
    static let float64Descr = "'<f8'"
    /// The dtype of spike arrays: fields `t` (float64, ms) and `id` (int32).
    static let spikeDescr = "[('t', '<f8'), ('id', '<i4')]"

    /// A float64 array of the given shape.
    public static func float64(_ values: [Double], shape: [Int]) -> Data {
        precondition(values.count == shape.reduce(1, *))
        return header(descr: float64Descr, shape: shape) + float64Data(values)
    }

    /// A one-dimensional int32 array.
    public static func int32(_ values: [Int32]) -> Data {
        var data = header(descr: "'<i4'", shape: [values.count])
        for v in values { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// A structured spike array with fields `t` (float64, ms) and `id` (int32).
    public static func spikes(times: [Double], ids: [Int32]) -> Data {
        header(descr: spikeDescr, shape: [times.count]) + spikeData(times: times, ids: ids)
    }

    /// The data of a float64 array, without header.
    static func float64Data(_ values: [Double]) -> Data {
        var data = Data(capacity: 8 * values.count)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// The data of a spike array, without header.
    static func spikeData(times: [Double], ids: [Int32]) -> Data {
        precondition(times.count == ids.count)
        var data = Data(capacity: 12 * times.count)
        for (t, id) in zip(times, ids) {
            withUnsafeBytes(of: t.bitPattern.littleEndian) { data.append(contentsOf: $0) }
            withUnsafeBytes(of: id.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// The header of an array of `descr` and `shape`, padded with spaces to `length` bytes (a multiple of 64
    /// that fits it) or, by default, to the next multiple of 64.
    static func header(descr: String, shape: [Int], length: Int? = nil) -> Data {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dict = "{'descr': \(descr), 'fortran_order': False, 'shape': \(shapeText), }"
        let unpadded = 10 + dict.utf8.count + 1
        let total = length ?? unpadded + (64 - unpadded % 64) % 64
        precondition(total >= unpadded && total % 64 == 0, "an npy header of \(unpadded) bytes does not fit in \(total)")
        dict += String(repeating: " ", count: total - unpadded) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let count = UInt16(dict.utf8.count)
        data.append(contentsOf: [UInt8(count & 0xff), UInt8(count >> 8)])
        data.append(contentsOf: Array(dict.utf8))
        return data
    }
}
