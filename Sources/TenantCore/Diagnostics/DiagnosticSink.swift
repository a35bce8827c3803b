/// Collects every problem instead of stopping at the first: users fix a whole manifest in one pass.
///
/// A reference type so that nested readers can report into the same list without threading
/// `inout` through every decoding function. It is used by one thread at a time.
public final class DiagnosticSink {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public func error(_ message: String, at location: SourceLocation, field: String = "") {
        diagnostics.append(Diagnostic(.error, at: location, field: field, message))
    }

    public func warning(_ message: String, at location: SourceLocation, field: String = "") {
        diagnostics.append(Diagnostic(.warning, at: location, field: field, message))
    }

    public func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }

    public var errorCount: Int { diagnostics.lazy.filter { $0.severity == .error }.count }

    /// Sorted by file and position, duplicates removed, so that output is stable across runs.
    public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics
            .filter { seen.insert($0).inserted }
            .sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }
}
