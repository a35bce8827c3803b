import PlanModel

/// What the certificate driver read of certbot's lineages under tenantctl's own config
/// directory, by lineage name, and when (the planner has no clock: renewal is decided against
/// the time of the observation).
public struct CertsObservation: SystemObservation, Codable, Equatable {
    public var lineages: [String: LineageObservation]
    /// What the tenant's model holds of each lineage that has an application to go to.
    public var deliveries: [String: DeliveryObservation]
    /// Seconds since 1970 (UTC) when the lineages were read.
    public var observedAt: Int
    /// The journal's certificate orders within the longest rate-limit window, for the forecast.
    public var history: [CertificateOrder]
    /// Why the journal's orders could not be read (the forecast then counts this plan only).
    public var historyProblem: String?

    public init(lineages: [String: LineageObservation], deliveries: [String: DeliveryObservation] = [:], observedAt: Int,
                history: [CertificateOrder] = [], historyProblem: String? = nil) {
        self.lineages = lineages
        self.deliveries = deliveries
        self.observedAt = observedAt
        self.history = history
        self.historyProblem = historyProblem
    }

    private enum CodingKeys: String, CodingKey {
        case lineages, deliveries, history
        case observedAt = "observed_at"
        case historyProblem = "history_problem"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lineages = try container.decode([String: LineageObservation].self, forKey: .lineages)
        deliveries = try container.decodeIfPresent([String: DeliveryObservation].self, forKey: .deliveries) ?? [:]
        observedAt = try container.decode(Int.self, forKey: .observedAt)
        history = try container.decodeIfPresent([CertificateOrder].self, forKey: .history) ?? []
        historyProblem = try container.decodeIfPresent(String.self, forKey: .historyProblem)
    }
}

/// The Juju secret of a lineage in its model, as `juju secrets --format json` lists it.
public enum DeliveryObservation: Sendable, Codable, Equatable {
    /// The secret exists; its description (`--info`) names the certificate it holds.
    case delivered(info: String?)
    /// No such secret in the model.
    case absent
    /// The model's secrets could not be listed (no model yet, juju down): the reason.
    case unknown(String)
}

/// What a delivered secret's description says: the certificate's serial and end, so that the
/// next plan sees whether Juju has the current one without reading the secret's content.
public enum DeliveryInfo {
    public static func text(lineage: String, facts: CertificateFacts) -> String {
        "tenantctl certificate \(lineage) serial \(facts.serial) until \(UTCDate.text(facts.notAfter))"
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
