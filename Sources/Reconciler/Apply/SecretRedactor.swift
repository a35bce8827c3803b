import Foundation

/// The secret values a run has read, so that any text juju sends back (an error quoting an
/// option's value, `expected int, got "…"`) is cleaned before it is printed or journaled.
public final class SecretRedactor: @unchecked Sendable {
    public static let mask = "[redacted]"
    private let lock = NSLock()
    private var values: Set<String> = []

    public init() {}

    /// Values under three characters are not masked: they would garble every message and are no
    /// secret worth the name.
    public func register(_ value: String) {
        guard value.count >= 3 else { return }
        lock.withLock {
            values.insert(value)
            // As juju quotes it back in Go's %q form or in JSON.
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t")
            values.insert(escaped)
        }
    }

    public func redact(_ text: String) -> String {
        let known = lock.withLock { values }
        // Longest first, so that a value containing another is masked whole.
        return known.sorted { $0.count > $1.count }.reduce(text) { $0.replacingOccurrences(of: $1, with: Self.mask) }
    }
}
