/// One order tenantctl gave certbot, as the journal keeps it (`certificate_order`): what the
/// rate-limit forecast counts. Names only: nothing of the key or the certificate.
public struct CertificateOrder: Sendable, Codable, Equatable {
    /// The ACME directory it was placed with.
    public var directory: String
    /// The certificate's names, sorted.
    public var names: [String]
    /// A renewal of the same names (`cert.renew`): exempt from the per-domain and new-order
    /// limits, counted as a duplicate, as Let's Encrypt does.
    public var renewal: Bool
    /// Whether a certificate came of it; nil while certbot runs, or if the run was cut short:
    /// counted as issued, the safe side of the forecast.
    public var issued: Bool?
    /// Seconds since 1970 (UTC).
    public var orderedAt: Int

    public init(directory: String, names: [String], renewal: Bool, issued: Bool?, orderedAt: Int) {
        self.directory = directory
        self.names = names.sorted()
        self.renewal = renewal
        self.issued = issued
        self.orderedAt = orderedAt
    }

    /// Counts as a certificate: issued, or maybe issued.
    public var mayHaveIssued: Bool { issued != false }

    private enum CodingKeys: String, CodingKey {
        case directory, names, renewal, issued
        case orderedAt = "ordered_at"
    }
}
