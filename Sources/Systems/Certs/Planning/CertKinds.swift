import PlanModel

extension ChangeKind {
    /// Obtains a certificate for a lineage that has none, or whose names (or ACME directory)
    /// changed: a new order, the same lineage name.
    public static let certIssue = ChangeKind("cert.issue")
    /// Renews a lineage whose certificate is within its renewal window: same names, new order.
    public static let certRenew = ChangeKind("cert.renew")
    /// Gives the lineage's current certificate to the ingress application of its domain, as a
    /// Juju user secret granted to it.
    public static let certDeliver = ChangeKind("cert.deliver")
}

/// Where certificate changes act: one scope per lineage, `cert:<tenant>/<environment>/<host>`,
/// so that each lineage has its own fingerprint and a renewal never makes another plan stale.
public enum CertAddress {
    public static let system = "cert"

    public static func scope(_ request: CertificateRequest) -> String {
        "\(request.tenant)/\(request.environmentName)/\(request.host)"
    }

    public static func lineage(_ request: CertificateRequest) -> ChangeAddress {
        ChangeAddress(system: system, scope: scope(request), resource: "")
    }

    /// The delivery of a lineage to its model: the same scope (one fingerprint covers the
    /// certificate and what Juju holds of it).
    public static func delivery(_ request: CertificateRequest) -> ChangeAddress {
        ChangeAddress(system: system, scope: scope(request), resource: "delivery")
    }
}
