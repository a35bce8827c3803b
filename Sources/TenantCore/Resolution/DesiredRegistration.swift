/// The fleet's registration settings as planning and applying need them (contacts stay Vault
/// paths: the values are read by the driver when it buys, never carried in a plan).
public struct DesiredRegistration: Sendable, Codable, Equatable {
    public var allowed: Bool
    public var maxPrice: DomainRegistration.Price?
    public var periodYears: Int
    /// Role (`registrant`, `admin`, `tech`) → Vault path; a missing role takes the registrant's.
    public var contacts: [String: String]
    public var ovhSubsidiary: String

    public init(allowed: Bool = false, maxPrice: DomainRegistration.Price? = nil, periodYears: Int = DomainRegistration.defaultPeriodYears,
                contacts: [String: String] = [:], ovhSubsidiary: String = DomainRegistration.defaultOVHSubsidiary) {
        self.allowed = allowed
        self.maxPrice = maxPrice
        self.periodYears = periodYears
        self.contacts = contacts
        self.ovhSubsidiary = ovhSubsidiary
    }

    public init(_ settings: DomainRegistration) {
        self.init(allowed: settings.allowed, maxPrice: settings.maxPrice, periodYears: settings.periodYears,
                  contacts: Dictionary(uniqueKeysWithValues: settings.contacts.map { ($0.key.rawValue, $0.value) }),
                  ovhSubsidiary: settings.ovhSubsidiary)
    }

    /// The Vault path of a role's contact: its own, else the registrant's.
    public func contactPath(_ role: DomainRegistration.ContactRole) -> String? {
        contacts[role.rawValue] ?? contacts[DomainRegistration.ContactRole.registrant.rawValue]
    }
}
