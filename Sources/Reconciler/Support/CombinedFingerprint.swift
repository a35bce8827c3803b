import Foundation

/// One digest for all of a plan's scope fingerprints, for the journal's run row (`history`
/// shows which world a run saw; the per-scope digests stay in the plan).
public enum CombinedFingerprint {
    public static func of(_ fingerprints: [String: String]) -> String {
        let text = fingerprints.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)\n" }.joined()
        return ScopeDigest.of(text: text)
    }
}
