/// An error a person reads: what went wrong, what to do about it, and the exit status. Every
/// error that reaches the CLI or the daemon conforms; nothing switches on error types to word
/// them.
public protocol UserFacingError: Error, CustomStringConvertible {
    /// One line: what failed, where.
    var userMessage: String { get }
    /// What to do about it, when there is something to say.
    var hint: String? { get }
    /// The process exit status the CLI ends with (1 unless said otherwise).
    var exitStatus: Int32 { get }
}

extension UserFacingError {
    public var hint: String? { nil }
    public var exitStatus: Int32 { 1 }
    public var description: String { hint.map { "\(userMessage) (\($0))" } ?? userMessage }
}
