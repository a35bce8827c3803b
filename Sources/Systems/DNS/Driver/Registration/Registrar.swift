import DNSPlanning
import Foundation
import TenantCore

/// A registrar as the registration driver uses it: what it says of a name, the purchase in two
/// steps (prepare, then the one call that spends), its progress, and how to find a purchase
/// whose answer was lost. Route 53 Domains and OVH implement it.
protocol Registrar: Sendable {
    /// Whether the account holds `domain`, whether it is free, and the price for `years`.
    func answer(for domain: String, years: Int, settings: DesiredRegistration) async throws -> RegistrarAnswer
    /// Whether the account holds `domain` now.
    func holds(_ domain: String) async throws -> Bool
    /// Everything before the purchase; what it returns is journaled before the purchase call.
    func prepare(_ domain: String, years: Int, settings: DesiredRegistration) async throws -> PreparedPurchase
    /// The call that spends: returns the operation or order reference to follow.
    func purchase(_ domain: String, years: Int, prepared: PreparedPurchase, contacts: RegistrationContacts?) async throws -> String
    /// Where the purchase `reference` stands.
    func progress(of reference: String, domain: String) async throws -> RegistrationProgress
    /// A purchase journaled as requested (its answer lost): found, never made, or unknown.
    func findLost(_ domain: String, requested reference: String?) async throws -> LostPurchase
    /// Whether the purchase needs contacts from Vault.
    var needsContacts: Bool { get }
}

/// What was prepared: the reference to journal (OVH's cart), the price the registrar will charge
/// when it says (OVH's cart total), checked against the cap before the purchase.
struct PreparedPurchase: Sendable, Equatable {
    var reference: String?
    var price: RegistrationQuote?
}

enum RegistrationProgress: Sendable, Equatable {
    case inProgress(String)
    case succeeded
    case failed(String)
}

enum LostPurchase: Sendable, Equatable {
    /// The registrar has it: follow this reference.
    case found(String)
    /// It provably never happened (OVH: the cart is still open); the prepared reference can be
    /// purchased now without risk of a second purchase.
    case notMade(PreparedPurchase)
    /// Nothing proves either way: stop, and say so.
    case unknown(String)
}
