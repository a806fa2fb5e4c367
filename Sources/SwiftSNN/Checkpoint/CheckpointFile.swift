import Foundation

/// The binary layout of a checkpoint file: the magic `SNNCKPT\0`, the format version (UInt32), the spec's
/// fingerprint (UInt64, `Simulation.checkpointFingerprint`), the payload's length (UInt64), the payload, and an
/// FNV-1a hash of the payload (UInt64), all little-endian. The hash turns a flipped byte into an error instead of
/// a wrong restore; the length turns a truncated file into one. The payload is the engine's state as
/// `CheckpointWriter` lays it out, in native byte order: a checkpoint is read on the kind of machine that wrote it.
enum CheckpointFile {
    static let magic = Array("SNNCKPT\0".utf8)
    /// Bumped whenever the payload changes meaning; older files are refused, never misread.
    static let formatVersion: UInt32 = 1

    /// The whole file for `payload`.
    static func encode(payload: Data, fingerprint: UInt64) -> Data {
        var data = Data(magic)
        append(formatVersion, to: &data)
        append(fingerprint, to: &data)
        append(UInt64(payload.count), to: &data)
        data.append(payload)
        append(fnv1a(payload), to: &data)
        return data
    }

    /// The payload of `data`, after checking everything around it; errors name `source` (the file).
    static func payload(of data: Data, fingerprint: UInt64, source: String) throws -> Data {
        let header = magic.count + 4 + 8 + 8
        guard data.count >= magic.count, Array(data.prefix(magic.count)) == magic else {
            throw SNNError("\(source) is not a SwiftSNN checkpoint")
        }
        guard data.count >= header else { throw SNNError("\(source): checkpoint is truncated") }
        let version: UInt32 = read(data, at: magic.count)
        guard version == formatVersion else {
            throw SNNError("\(source): checkpoint format version \(version), this snn reads version \(formatVersion)")
        }
        let written: UInt64 = read(data, at: magic.count + 4)
        guard written == fingerprint else {
            throw SNNError("\(source): checkpoint was written for a different network (spec fingerprint \(hex(written)), this spec has \(hex(fingerprint)))")
        }
        let length: UInt64 = read(data, at: magic.count + 12)
        guard length <= UInt64(data.count - header), data.count - header - Int(length) >= 8 else {
            throw SNNError("\(source): checkpoint is truncated")
        }
        guard data.count - header - Int(length) == 8 else { throw SNNError("\(source): checkpoint has trailing bytes") }
        let start = data.startIndex + header
        let payload = data.subdata(in: start..<(start + Int(length)))
        let hash: UInt64 = read(data, at: header + Int(length))
        guard hash == fnv1a(payload) else { throw SNNError("\(source): checkpoint is corrupt (checksum mismatch)") }
        return payload
    }

    /// FNV-1a, 64 bit: stable across processes and platforms, unlike `Hasher`.
    static func fnv1a<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    private static func read<T: FixedWidthInteger>(_ data: Data, at offset: Int) -> T {
        var value = T.zero
        _ = withUnsafeMutableBytes(of: &value) { target in
            data.copyBytes(to: target, from: (data.startIndex + offset)..<(data.startIndex + offset + MemoryLayout<T>.size))
        }
        return T(littleEndian: value)
    }

    private static func hex(_ x: UInt64) -> String { String(x, radix: 16) }
}
