import Foundation

/// Encodes arrays in NumPy's `.npy` format 1.0 (numpy/lib/format.py): magic, header dict padded so the data starts
/// on a 64-byte boundary, then little-endian C-order data.
public enum NpyWriter {
    /// A float64 array of the given shape.
    public static func float64(_ values: [Double], shape: [Int]) -> Data {
        precondition(values.count == shape.reduce(1, *))
        var data = header(descr: "'<f8'", shape: shape)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// A one-dimensional int32 array.
    public static func int32(_ values: [Int32]) -> Data {
        var data = header(descr: "'<i4'", shape: [values.count])
        for v in values { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// A structured spike array with fields `t` (float64, ms) and `id` (int32).
    public static func spikes(times: [Double], ids: [Int32]) -> Data {
        precondition(times.count == ids.count)
        var data = header(descr: "[('t', '<f8'), ('id', '<i4')]", shape: [times.count])
        data.reserveCapacity(data.count + 12 * times.count)
        for (t, id) in zip(times, ids) {
            withUnsafeBytes(of: t.bitPattern.littleEndian) { data.append(contentsOf: $0) }
            withUnsafeBytes(of: id.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    private static func header(descr: String, shape: [Int]) -> Data {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dict = "{'descr': \(descr), 'fortran_order': False, 'shape': \(shapeText), }"
        let unpadded = 10 + dict.utf8.count + 1
        dict += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(dict.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xff), UInt8(length >> 8)])
        data.append(contentsOf: Array(dict.utf8))
        return data
    }
}
