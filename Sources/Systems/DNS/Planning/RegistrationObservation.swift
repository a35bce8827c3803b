import PlanModel

/// What tenantctl saw of one domain a tenant wants bought (`register: true`): what the
/// registrar says of it, and what the journal remembers of an earlier purchase.
public struct RegistrationObservation: Codable, Sendable, Equatable {
    public enum State: Codable, Sendable, Equatable {
        /// Every question was answered.
        case observed(RegistrarAnswer)
        /// A registrar query failed: the environment is not planned (nothing is bought on
        /// partial knowledge).
        case failed(String)
    }

    /// The domain to buy (the zone of the tenant's domain), normalized.
    public var domain: String
    /// The fleet's provider name whose account buys it (`route53`, `ovh`).
    public var provider: String
    public var state: State
    /// The journal's record of a registration tenantctl started, if any. Read even when the
    /// registrar failed: an unfinished purchase is never forgotten.
    public var journal: RegistrationJournalEntry?

    public init(domain: String, provider: String, state: State, journal: RegistrationJournalEntry? = nil) {
        self.domain = DNSName.normalized(domain)
        self.provider = provider
        self.state = state
        self.journal = journal
    }

    public var key: String { DNSAddress.scope(provider: provider, zone: domain) }
}

/// The registrar's answers for one domain.
public struct RegistrarAnswer: Codable, Sendable, Equatable {
    /// The account already holds it (Route 53 Domains' ListDomains, OVH's `/domain`).
    public var ours: Bool
    /// The registrar's word (`AVAILABLE`, `UNAVAILABLE`, `UNAVAILABLE_PREMIUM`, `RESERVED`…); OVH:
    /// `AVAILABLE` when it offers a creation, else `UNAVAILABLE`.
    public var availability: String
    /// What a registration for the fleet's period would cost; nil when the registrar does not sell it.
    public var quote: RegistrationQuote?

    public init(ours: Bool, availability: String, quote: RegistrationQuote?) {
        self.ours = ours
        self.availability = availability
        self.quote = quote
    }

    public var isAvailable: Bool { availability == "AVAILABLE" }
}

/// A price as the registrar quotes it, for the whole period bought.
public struct RegistrationQuote: Codable, Sendable, Equatable {
    public var amount: Double
    public var currency: String
    public var years: Int

    public init(amount: Double, currency: String, years: Int) {
        self.amount = amount
        self.currency = currency
        self.years = years
    }

    public var text: String { String(format: "%.2f", amount) + " " + currency }
}

/// What the journal holds of a registration (the owned resource `domain:<provider>/<domain>`):
/// written before the registrar is called, then with its operation (Route 53) or order (OVH)
/// id, then with how it ended. The `applied` column of the store holds its text.
public struct RegistrationJournalEntry: Codable, Sendable, Equatable {
    public enum Stage: String, Codable, Sendable {
        /// Written just before the purchase call: its answer may have been lost.
        case requested
        /// The registrar took the order: `reference` is its operation or order id.
        case submitted
        /// The registrar said it is done.
        case registered
        /// The registrar said the registration failed (nothing bought).
        case failed
    }

    public var stage: Stage
    /// Route 53 Domains' operation id, OVH's order id.
    public var reference: String?

    public init(stage: Stage, reference: String? = nil) {
        self.stage = stage
        self.reference = reference
    }

    /// A purchase that may have happened and whose end is not known.
    public var isUnfinished: Bool { stage == .requested || stage == .submitted }

    static let prefix = "registration:"

    /// `registration:<stage>[:<reference>]`: the store accepts only known reference kinds in
    /// `applied`, never free text.
    public var text: String { Self.prefix + stage.rawValue + (reference.map { ":" + $0 } ?? "") }

    public static func parse(_ text: String) -> RegistrationJournalEntry? {
        guard text.hasPrefix(prefix) else { return nil }
        let parts = text.dropFirst(prefix.count).split(separator: ":", maxSplits: 1).map(String.init)
        guard let first = parts.first, let stage = Stage(rawValue: first) else { return nil }
        return RegistrationJournalEntry(stage: stage, reference: parts.count > 1 ? parts[1] : nil)
    }
}

/// How the journal names a registration: `domain:<provider>/<domain>`.
public enum RegistrationAddress {
    public static let system = "domain"

    public static func journal(provider: String, domain: String) -> String {
        "\(system):\(DNSAddress.scope(provider: provider, zone: domain))"
    }

    /// The plan's address of the purchase: in the zone's scope, so that it sits beside its records.
    public static func change(provider: String, domain: String) -> ChangeAddress {
        ChangeAddress(system: DNSAddress.system, scope: DNSAddress.scope(provider: provider, zone: domain), resource: "registration")
    }

    public static func zoneCreation(provider: String, domain: String) -> ChangeAddress {
        ChangeAddress(system: DNSAddress.system, scope: DNSAddress.scope(provider: provider, zone: domain), resource: "zone")
    }
}
