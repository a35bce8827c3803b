/// Hashes and random numbers that are the same in every process.
///
/// Swift's `Hasher` is seeded per process, so it cannot decide anything that another juju-sim
/// invocation must agree with (a charm's latest revision, the n-th call's failure draw).
enum StableHash {
    /// 64-bit FNV-1a.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// SplitMix64 of `seed + index`: one uniform draw in [0, 1) per call index.
    static func uniform(seed: UInt64, index: UInt64) -> Double {
        var z = seed &+ index &* 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        return Double(z >> 11) / Double(UInt64(1) << 53)
    }
}
