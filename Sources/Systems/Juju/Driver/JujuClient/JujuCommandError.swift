import Juju
import JujuPlanning
import PlanModel
import Reconciler
import TenantCore

/// A juju command that did not succeed, with what juju said (stripped of the `ERROR` prefix).
public struct JujuCommandError: Error, CustomStringConvertible, Sendable {
    public var command: String
    public var kind: JujuCLIError
    public var message: String
    public var timedOut: Bool

    public init(command: String, kind: JujuCLIError, message: String, timedOut: Bool = false) {
        self.command = command
        self.kind = kind
        self.message = message
        self.timedOut = timedOut
    }

    /// Worth another try: the API dropped or did not answer in time.
    public var isTransient: Bool { timedOut || kind.isRetryable }

    public var description: String {
        timedOut ? "`\(command)` timed out: \(message)" : "`\(command)` failed: \(message)"
    }
}

extension JujuCommandError: UserFacingError {
    public var userMessage: String { description }
}
