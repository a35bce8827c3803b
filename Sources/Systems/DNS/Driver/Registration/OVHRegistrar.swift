import DNSPlanning
import Foundation
import TenantCore

/// OVH as a ``Registrar``: the price from a cart's offers, `/domain` for what the account holds;
/// the purchase is a cart prepared (journaled by its id) then checked out; its progress is the
/// order's status. References: `cart/<id>` before the checkout, `order/<id>` after.
struct OVHRegistrar: Registrar {
    let pricing: OVHDomainPricing
    let order: OVHDomainOrder
    var needsContacts: Bool { false }

    func answer(for domain: String, years: Int, settings: DesiredRegistration) async throws -> RegistrarAnswer {
        if try await holds(domain) { return RegistrarAnswer(ours: true, availability: "UNAVAILABLE", quote: nil) }
        guard let offer = try await pricing.registrationOffer(for: domain, subsidiary: settings.ovhSubsidiary) else {
            return RegistrarAnswer(ours: false, availability: "UNAVAILABLE", quote: nil)
        }
        // OVH quotes the first year; a longer period is that many years at the same price.
        return RegistrarAnswer(ours: false, availability: "AVAILABLE",
                               quote: RegistrationQuote(amount: (offer.amount * Double(years) * 100).rounded() / 100, currency: offer.currency, years: years))
    }

    func holds(_ domain: String) async throws -> Bool {
        try await order.domains().contains { $0.lowercased() == domain.lowercased() }
    }

    func prepare(_ domain: String, years: Int, settings: DesiredRegistration) async throws -> PreparedPurchase {
        let cart = try await order.prepare(domain, years: years, subsidiary: settings.ovhSubsidiary)
        return PreparedPurchase(reference: "cart/" + cart.cartId, price: RegistrationQuote(amount: cart.amount, currency: cart.currency, years: years))
    }

    func purchase(_ domain: String, years: Int, prepared: PreparedPurchase, contacts: RegistrationContacts?) async throws -> String {
        guard let cartId = Self.id(prepared.reference, "cart/") else { throw DNSDriverError("no OVH cart was prepared for \(domain)") }
        return "order/\(try await order.checkout(cartId: cartId))"
    }

    func progress(of reference: String, domain: String) async throws -> RegistrationProgress {
        guard let text = Self.id(reference, "order/"), let id = Int(text) else { throw DNSDriverError("'\(reference)' is not an OVH order reference") }
        let status = try await order.orderStatus(id)
        switch status {
        case "delivered": return .succeeded
        case "cancelled", "cancelling": return .failed("order \(id) \(status)")
        // notPaid: the preferred payment means was refused; OVH keeps the order open.
        default: return .inProgress(status)
        }
    }

    func findLost(_ domain: String, requested reference: String?) async throws -> LostPurchase {
        if let cartId = Self.id(reference, "cart/"), try await order.cartIsOpen(cartId) {
            // Never checked out: a cart checks out once, so checking this one out cannot buy twice.
            return .notMade(PreparedPurchase(reference: reference, price: nil))
        }
        if let id = try await order.orders(for: domain).first { return .found("order/\(id)") }
        return .unknown("OVH shows no order for \(domain) and its cart \(reference ?? "(none)") is checked out or gone")
    }

    static func id(_ reference: String?, _ prefix: String) -> String? {
        guard let reference, reference.hasPrefix(prefix) else { return nil }
        return String(reference.dropFirst(prefix.count))
    }
}
