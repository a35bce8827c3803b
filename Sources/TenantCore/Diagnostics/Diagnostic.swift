/// One problem found in the desired-state repository.
///
/// The rendering `path:line:column: message` is what editors and CI log viewers turn into links,
/// so it is the only text form.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation
    /// The dotted field path the problem is about (`spec.environments.production.units`), or empty.
    public var field: String
    public var message: String

    public init(_ severity: Severity = .error, at location: SourceLocation, field: String = "", _ message: String) {
        self.severity = severity
        self.location = location
        self.field = field
        self.message = MessageText.bounded(message)
    }

    public var description: String {
        let prefix = severity == .warning ? "warning: " : ""
        return "\(location): \(prefix)\(message)"
    }
}
