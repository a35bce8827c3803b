import Foundation

/// `spec.certificates` of `tenantctl.yaml`: where and as whom tenantctl asks for the
/// certificates of the domains that say `tls: true`. Without it no certificate is planned.
public struct CertificateSettings: Sendable {
    /// The ACME directory URL (Let's Encrypt staging or production, or any RFC 8555 server).
    public var directory: Located<String>
    /// The ACME account's contact address.
    public var email: Located<String>
    /// External account binding, for CAs that require one: both Vault references.
    public var eab: ExternalAccountBinding?
    /// When a certificate is renewed.
    public var renewBefore: RenewBefore
    /// The CA's identities in CAA records (`letsencrypt.org`); nil: known for Let's Encrypt's
    /// directories, unknown for others.
    public var caaIdentities: [String]?
    /// The CA's rate limits as tenantctl.yaml names them; nil: ``ACMERateLimits/defaults(for:)``.
    public var rateLimits: ACMERateLimits?

    public init(directory: Located<String>, email: Located<String>, eab: ExternalAccountBinding? = nil, renewBefore: RenewBefore = .default,
                caaIdentities: [String]? = nil, rateLimits: ACMERateLimits? = nil) {
        self.rateLimits = rateLimits
        self.caaIdentities = caaIdentities
        self.directory = directory
        self.email = email
        self.eab = eab
        self.renewBefore = renewBefore
    }
}

/// EAB credentials (RFC 8555 §7.3.4): the key id and the HMAC key the CA gave, as Vault
/// references (the HMAC key is a secret; the key id is kept beside it).
public struct ExternalAccountBinding: Sendable, Codable, Equatable {
    public var kid: String
    public var hmacKey: String

    public init(kid: String, hmacKey: String) {
        self.kid = kid
        self.hmacKey = hmacKey
    }
}

/// How long before its end a certificate is renewed: a fraction of its lifetime (the default, a
/// third, is what Let's Encrypt recommends: 30 days of a 90-day certificate), or a number of days.
public enum RenewBefore: Sendable, Codable, Equatable, CustomStringConvertible {
    case fraction(Double)
    case days(Int)

    public static let `default` = RenewBefore.fraction(1.0 / 3.0)

    /// Seconds before `notAfter` at which a certificate valid from `notBefore` is due.
    public func seconds(lifetime: Int) -> Int {
        switch self {
        case let .fraction(fraction): return Int((Double(lifetime) * fraction).rounded())
        case let .days(days): return days * 86_400
        }
    }

    public var description: String {
        switch self {
        case let .fraction(fraction) where abs(fraction - 1.0 / 3.0) < 1e-9: return "a third of the lifetime"
        case let .fraction(fraction): return "\(Int((fraction * 100).rounded()))% of the lifetime"
        case let .days(days): return "\(days) days"
        }
    }
}

extension Field {
    /// `renewBefore`: a fraction of the lifetime (`0.25`, between 0 and 1 exclusive) or days
    /// (`30d`, or `30 days`).
    func renewBefore() -> RenewBefore? {
        if case let .scalar(scalar) = node, node.tagName == .float || node.tagName == .int, let value = Double(scalar.string) {
            guard value > 0, value < 1 else {
                error("expected a fraction of the certificate's lifetime between 0 and 1 (0.33), or days ('30d'), got \(scalar.string)")
                return nil
            }
            return .fraction(value)
        }
        guard let text = string()?.value else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard let days = Int(digits), days > 0, days <= 3650, ["d", "day", "days"].contains(unit) else {
            error("expected a fraction of the certificate's lifetime between 0 and 1 (0.33), or days ('30d'), got '\(Printable.escaped(String(text.prefix(40))))'")
            return nil
        }
        return .days(days)
    }
}

enum CertificateSettingsDecoder {
    static func decode(_ field: Field) -> CertificateSettings? {
        guard let map = field.mapping(allowed: ["directory", "email", "eab", "renewBefore", "caaIdentities", "rateLimits"], context: "certificates") else { return nil }
        let directoryField = map.required("directory", expected: "the ACME directory URL (https://acme-v02.api.letsencrypt.org/directory)")
        var directory = directoryField?.nonEmptyString()
        if let value = directory, !(value.value.hasPrefix("https://") || value.value.hasPrefix("http://")) || value.value.contains(where: \.isWhitespace) {
            directoryField?.error("'\(Printable.escaped(value.value))' is not a URL; expected the ACME directory URL, https://…/directory")
            directory = nil
        }
        let emailField = map.required("email", expected: "the ACME account's e-mail address")
        var email = emailField?.nonEmptyString()
        if let value = email, !isMailAddress(value.value) {
            emailField?.error("'\(Printable.escaped(value.value))' is not an e-mail address")
            email = nil
        }
        var eab: ExternalAccountBinding?
        if let eabMap = map.optional("eab")?.mapping(allowed: ["kid", "hmacKey"], context: "eab") {
            let kid = eabMap.required("kid", expected: "a Vault reference to the EAB key id")?.vaultReference()
            let hmac = eabMap.required("hmacKey", expected: "a Vault reference to the EAB HMAC key")?.vaultReference()
            if let kid, let hmac { eab = ExternalAccountBinding(kid: kid.value.description, hmacKey: hmac.value.description) }
        }
        var renewBefore: RenewBefore? = .default
        if let field = map.optional("renewBefore") { renewBefore = field.renewBefore() }
        let caa = map.optional("caaIdentities")?.stringList()?.map { $0.value.lowercased() }
        var rateLimits: ACMERateLimits?
        var rateLimitsValid = true
        if let field = map.optional("rateLimits") {
            rateLimits = field.acmeRateLimits()
            rateLimitsValid = rateLimits != nil
        }
        guard let directory, let email, let renewBefore, rateLimitsValid else { return nil }
        return CertificateSettings(directory: directory, email: email, eab: eab, renewBefore: renewBefore, caaIdentities: caa, rateLimits: rateLimits)
    }

    /// Enough to catch a typo (certbot and the CA check the rest); no spaces, which would split
    /// certbot's argument.
    static func isMailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return !text.contains { $0.isWhitespace || $0 == "," || $0.isNewline }
    }
}
