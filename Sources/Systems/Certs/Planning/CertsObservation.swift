import PlanModel

/// What the certificate driver read of certbot's lineages under tenantctl's own config
/// directory, by lineage name, and when (the planner has no clock: renewal is decided against
/// the time of the observation).
public struct CertsObservation: SystemObservation, Codable, Equatable {
    public var lineages: [String: LineageObservation]
    /// Seconds since 1970 (UTC) when the lineages were read.
    public var observedAt: Int

    public init(lineages: [String: LineageObservation], observedAt: Int) {
        self.lineages = lineages
        self.observedAt = observedAt
    }

    private enum CodingKeys: String, CodingKey {
        case lineages
        case observedAt = "observed_at"
    }
}

/// One lineage as read.
public enum LineageObservation: Sendable, Codable, Equatable {
    /// `live/<lineage>/cert.pem` parsed.
    case present(CertificateFacts)
    /// No `live/<lineage>` (never issued, or removed by hand).
    case missing
    /// There, but unreadable: the reason (never the file's bytes).
    case failed(String)

    public var facts: CertificateFacts? {
        if case let .present(facts) = self { return facts }
        return nil
    }
}

/// What a certificate says about itself, and which ACME directory issued it (certbot's renewal
/// configuration). No key material: the public key's type only.
public struct CertificateFacts: Sendable, Codable, Equatable {
    /// DNS names of the subject alternative names, sorted.
    public var names: [String]
    /// Seconds since 1970 (UTC).
    public var notBefore: Int
    public var notAfter: Int
    public var issuer: String
    /// `ECDSA P-256`, `RSA 2048`.
    public var keyType: String
    public var serial: String
    /// The `server` of `renewal/<lineage>.conf`: the directory the lineage belongs to.
    public var directory: String?

    public init(names: [String], notBefore: Int, notAfter: Int, issuer: String, keyType: String, serial: String, directory: String?) {
        self.names = names.sorted()
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.issuer = issuer
        self.keyType = keyType
        self.serial = serial
        self.directory = directory
    }

    private enum CodingKeys: String, CodingKey {
        case names, issuer, serial, directory
        case notBefore = "not_before"
        case notAfter = "not_after"
        case keyType = "key_type"
    }
}
