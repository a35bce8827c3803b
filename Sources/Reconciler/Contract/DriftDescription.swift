import PlanModel

/// How one difference between git and the world reads for a person, in its system's words: what
/// differs, where, and its likely cause. Each system gives it for its own changes; the drift
/// report only lays the answers out.
public struct DriftDescription: Sendable, Equatable {
    /// What differs: `application magento`, `unit magento/3`, `secret tenants/acme/db`.
    public var subject: String
    /// A stable address of what differs, for tooling.
    public var address: String
    /// The field as people say it (`units`, `deployed`, `config.admin-password`).
    public var field: String
    /// The likely cause, something a person can check.
    public var cause: String
    /// Where, by the system's own names (Juju: `controller`, `model`).
    public var place: [String: String]

    public init(subject: String, address: String, field: String, cause: String, place: [String: String] = [:]) {
        self.subject = subject
        self.address = address
        self.field = field
        self.cause = cause
        self.place = place
    }
}

extension RegisteredSystem {
    /// A plain description, for systems with nothing more to say.
    public func describeDrift(of change: Change, reason: Reason) -> DriftDescription {
        DriftDescription(subject: change.target, address: change.address.description, field: reason.field, cause: "differs from git")
    }

    public func describeWithheld(_ withheld: WithheldChange) -> DriftDescription {
        DriftDescription(subject: withheld.target, address: withheld.address.description, field: "present",
                         cause: "present but not in git; \(withheld.kind.rawValue) withheld: \(withheld.reason)")
    }
}
