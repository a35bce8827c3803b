/// What a failed juju command said, sorted into what the caller must do about it.
///
/// The juju CLI reports errors as `ERROR <text>` on stderr with exit code 1 (2 for usage
/// errors); there are no error codes, so this reads Juju's own message texts.
public enum JujuCLIError: Hashable, Sendable {
    /// `ERROR model ctrl:admin/name not found`: an observation ("no such model"), not a failure.
    case modelNotFound
    /// `ERROR controller name not found`: a configuration error for the tenants on it.
    case controllerNotFound
    /// `application "x" not found`, `unit "x/0" not found`…
    case entityNotFound
    /// `… already exists`: the action already happened (a retry after a lost reply).
    case alreadyExists
    /// The API could not be reached or dropped the connection: worth retrying.
    case transient
    /// Flags or arguments juju refused (exit code 2).
    case usage
    case other

    public init(exitCode: Int32, stderr: String) {
        let text = stderr.lowercased()
        func has(_ needle: String) -> Bool { text.contains(needle) }
        if exitCode == 2 { self = .usage }
        else if has("error model ") && has(" not found") { self = .modelNotFound }
        else if has("error controller ") && has(" not found") { self = .controllerNotFound }
        else if has("already exists") { self = .alreadyExists }
        else if Self.transientMarkers.contains(where: has) { self = .transient }
        else if has(" not found") || has("does not exist") { self = .entityNotFound }
        else { self = .other }
    }

    static let transientMarkers = [
        "unable to connect to api", "cannot connect to api", "connection is shut down", "connection refused",
        "connection reset", "i/o timeout", "broken pipe", "unexpected eof", "try again", "timed out",
    ]

    public var isRetryable: Bool { self == .transient }

    /// The `ERROR …` lines of juju's stderr, without the prefix: the message worth reporting.
    public static func message(fromStderr stderr: String) -> String {
        let lines = stderr.split(separator: "\n").map(String.init)
        let errors = lines.filter { $0.hasPrefix("ERROR ") }.map { String($0.dropFirst(6)) }
        return (errors.isEmpty ? lines.suffix(1) : errors[...]).joined(separator: "; ")
    }
}
