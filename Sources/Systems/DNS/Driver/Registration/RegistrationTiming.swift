/// How long `apply` follows a purchase before leaving it to the next run: the registrar's
/// operation is polled with a growing pause, up to a deadline. Past it the change fails as
/// transient; the journal holds the operation id, and the next run resumes polling it.
public struct RegistrationTiming: Sendable {
    public var deadline: Duration
    public var firstPause: Duration
    public var longestPause: Duration

    public init(deadline: Duration = .seconds(300), firstPause: Duration = .seconds(2), longestPause: Duration = .seconds(30)) {
        self.deadline = deadline
        self.firstPause = firstPause
        self.longestPause = longestPause
    }
}
