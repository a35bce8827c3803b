import Foundation

/// `spec.dns.registration` of `tenantctl.yaml`: whether tenantctl may buy the domains tenants
/// mark `register: true`, and within which limits. Buying costs money, so nothing is bought
/// unless the platform team says so here: `allowed` is false when the section is absent.
public struct DomainRegistration: Sendable, Equatable {
    /// The roles Route 53 Domains asks a contact for; OVH uses the account's own contacts.
    public enum ContactRole: String, Sendable, Codable, CaseIterable {
        case registrant
        case admin
        case tech
    }

    /// The most one registration may cost, for the whole period, in the registrar's currency.
    public struct Price: Sendable, Equatable, Codable {
        public var amount: Double
        /// ISO 4217, upper case (`EUR`, `USD`).
        public var currency: String

        public init(amount: Double, currency: String) {
            self.amount = amount
            self.currency = currency
        }

        /// `12.50 EUR`.
        public var text: String { String(format: "%.2f", amount) + " " + currency }
    }

    public var allowed: Bool
    /// Nil: no cap, which `allowed: true` does not accept (a price must be bounded).
    public var maxPrice: Price?
    /// Years bought at once.
    public var periodYears: Int
    /// Role → the Vault path holding that contact's fields (``ContactFields``). A role left out
    /// takes the registrant's.
    public var contacts: [ContactRole: String]
    /// OVH's `ovhSubsidiary` for the order cart (sets the currency and the tax).
    public var ovhSubsidiary: String

    public static let defaultPeriodYears = 1
    public static let periodYears = 1...10
    public static let defaultOVHSubsidiary = "FR"

    public init(allowed: Bool = false, maxPrice: Price? = nil, periodYears: Int = Self.defaultPeriodYears,
                contacts: [ContactRole: String] = [:], ovhSubsidiary: String = Self.defaultOVHSubsidiary) {
        self.allowed = allowed
        self.maxPrice = maxPrice
        self.periodYears = periodYears
        self.contacts = contacts
        self.ovhSubsidiary = ovhSubsidiary
    }

    /// The Vault path of a role's contact: its own, else the registrant's.
    public func contactPath(_ role: ContactRole) -> String? {
        contacts[role] ?? contacts[.registrant]
    }
}

/// The keys a contact's Vault path holds, as Route 53 Domains' `ContactDetail` names them.
/// The values are read when a registration is applied, and never printed.
public enum ContactFields {
    public static let required = ["firstName", "lastName", "email", "phoneNumber", "addressLine1", "city", "countryCode", "zipCode"]
    /// Read when present: `contactType` defaults to PERSON; a company sets it and `organizationName`.
    public static let optional = ["contactType", "organizationName", "addressLine2", "state"]
}

enum DomainRegistrationDecoder {
    static let keys = ["allowed", "maxPrice", "period", "contacts", "ovh"]
    static let ovhSubsidiaries = ["ASIA", "AU", "CA", "CZ", "DE", "ES", "EU", "FI", "FR", "GB", "IE", "IN", "IT", "LT", "MA", "NL", "PL", "PT",
                                  "QC", "SG", "SN", "TN", "US", "WE", "WS"]

    static func decode(_ field: Field) -> DomainRegistration? {
        guard let map = field.mapping(allowed: keys, context: "dns.registration") else { return nil }
        var settings = DomainRegistration()
        settings.allowed = map.optional("allowed")?.bool()?.value ?? false
        if let priceField = map.optional("maxPrice") { settings.maxPrice = decodePrice(priceField) }
        if let periodField = map.optional("period"), let period = periodField.int() {
            if DomainRegistration.periodYears.contains(period.value) {
                settings.periodYears = period.value
            } else {
                periodField.error("expected a number of years from \(DomainRegistration.periodYears.lowerBound) to \(DomainRegistration.periodYears.upperBound), got \(period.value)")
            }
        }
        if let contactsField = map.optional("contacts"),
           let contacts = contactsField.mapping(allowed: DomainRegistration.ContactRole.allCases.map(\.rawValue), context: "registration contacts") {
            for role in DomainRegistration.ContactRole.allCases {
                guard let roleField = contacts.optional(role.rawValue), let path = decodeContactPath(roleField) else { continue }
                settings.contacts[role] = path
            }
        }
        if let ovhField = map.optional("ovh"), let ovh = ovhField.mapping(allowed: ["subsidiary"], context: "registration at OVH"),
           let subsidiaryField = ovh.optional("subsidiary"), let subsidiary = subsidiaryField.nonEmptyString() {
            if ovhSubsidiaries.contains(subsidiary.value) {
                settings.ovhSubsidiary = subsidiary.value
            } else {
                subsidiaryField.error("'\(Printable.escaped(subsidiary.value))' is not an OVH subsidiary; expected one of: \(ovhSubsidiaries.joined(separator: ", "))")
            }
        }
        // Allowed without a cap would buy at any price the registrar quotes (a premium name).
        if settings.allowed, settings.maxPrice == nil, map.optional("maxPrice") == nil {
            (map.optional("allowed") ?? field).error("registration is allowed but has no maxPrice: set maxPrice {amount, currency}, the most one domain may cost for its period")
        }
        return settings
    }

    private static func decodePrice(_ field: Field) -> DomainRegistration.Price? {
        guard let map = field.mapping(allowed: ["amount", "currency"], context: "maxPrice") else { return nil }
        let amountField = map.required("amount", expected: "a number, the most one registration may cost")
        var amount: Double?
        if let amountField {
            if amountField.node.tagName == .int || amountField.node.tagName == .float, let value = amountField.node.float, value.isFinite {
                if value > 0, value <= 1_000_000 { amount = value } else { amountField.error("expected an amount above 0 and at most 1000000, got \(value)") }
            } else {
                amountField.typeMismatch(expected: "a number")
            }
        }
        let currencyField = map.required("currency", expected: "an ISO 4217 code such as EUR or USD")
        var currency: String?
        if let currencyField, let text = currencyField.string() {
            if text.value.count == 3, text.value.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) {
                currency = text.value
            } else {
                currencyField.error("'\(Printable.escaped(text.value))' is not a currency code; expected three capital letters (EUR, USD, GBP)")
            }
        }
        guard let amount, let currency else { return nil }
        return DomainRegistration.Price(amount: amount, currency: currency)
    }

    /// `vault:<path>`: the path of a KV secret whose keys are the contact's fields. A `#key`
    /// would name one value; a contact is several.
    private static func decodeContactPath(_ field: Field) -> String? {
        guard let text = field.nonEmptyString() else { return nil }
        guard text.value.hasPrefix(VaultReference.scheme) else {
            field.error("must be a Vault path (vault:<path>) whose keys hold the contact (\(ContactFields.required.joined(separator: ", "))); contact data is never written in git")
            return nil
        }
        let path = String(text.value.dropFirst(VaultReference.scheme.count))
        if path.contains("#") {
            field.error("'\(Printable.escaped(text.value))' names one key; a contact is a whole Vault path (vault:<path>) holding \(ContactFields.required.joined(separator: ", "))")
            return nil
        }
        guard VaultReference.isMountPath(path) else {
            field.error("'\(Printable.escaped(text.value))' is not a Vault path; use letters, digits, '-', '_', '.' and '/', without '..' or a '/' at either end")
            return nil
        }
        return path
    }
}
