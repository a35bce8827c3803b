/// Where a change acts: `system:scope/resource`, e.g.
/// `juju:bibind-k8s/acme-production/application/magento` or `vault:platform/secret/tenants/acme/db`.
///
/// The scope is the unit a system observes at once (a Juju model, a DNS zone, a Vault mount): the
/// plan keeps one fingerprint per scope, so a change in one scope never makes a plan about
/// another one stale.
public struct ChangeAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var system: String
    public var scope: String
    public var resource: String

    public init(system: String, scope: String, resource: String) {
        self.system = system
        self.scope = scope
        self.resource = resource
    }

    /// The scope's own address (`juju:bibind-k8s/acme-production`): the key of its fingerprint.
    public var scopeKey: String { Self.scopeKey(system: system, scope: scope) }

    public static func scopeKey(system: String, scope: String) -> String { "\(system):\(scope)" }

    public var description: String { resource.isEmpty ? scopeKey : "\(scopeKey)/\(resource)" }

    public static func < (lhs: ChangeAddress, rhs: ChangeAddress) -> Bool { lhs.description < rhs.description }
}

extension ChangeAddress: Codable {
    private enum CodingKeys: String, CodingKey { case system, scope, resource }
}
