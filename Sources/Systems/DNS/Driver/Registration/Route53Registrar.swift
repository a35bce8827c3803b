import DNSPlanning
import Foundation
import TenantCore

/// Route 53 Domains as a ``Registrar``: CheckDomainAvailability, ListPrices (per year, times the
/// period), ListDomains; RegisterDomain; GetOperationDetail; ListOperations for a lost answer.
struct Route53Registrar: Registrar {
    let client: Route53DomainsClient
    var needsContacts: Bool { true }

    func answer(for domain: String, years: Int, settings: DesiredRegistration) async throws -> RegistrarAnswer {
        if try await holds(domain) { return RegistrarAnswer(ours: true, availability: "UNAVAILABLE", quote: nil) }
        let availability = try await client.availability(of: domain)
        guard availability.isAvailable else { return RegistrarAnswer(ours: false, availability: availability.status, quote: nil) }
        let tld = String(domain.split(separator: ".").last ?? "")
        let price = try await client.registrationPrice(tld: tld)
        return RegistrarAnswer(ours: false, availability: availability.status,
                               quote: price.map { RegistrationQuote(amount: ($0.amount * Double(years) * 100).rounded() / 100, currency: $0.currency, years: years) })
    }

    func holds(_ domain: String) async throws -> Bool {
        try await client.domains().contains { $0.name.lowercased() == domain.lowercased() }
    }

    func prepare(_ domain: String, years: Int, settings: DesiredRegistration) async throws -> PreparedPurchase {
        PreparedPurchase(reference: nil, price: nil)
    }

    func purchase(_ domain: String, years: Int, prepared: PreparedPurchase, contacts: RegistrationContacts?) async throws -> String {
        guard let contacts else { throw DNSDriverError("Route 53 Domains needs the registration contacts") }
        return try await client.register(domain, years: years, contacts: contacts)
    }

    func progress(of reference: String, domain: String) async throws -> RegistrationProgress {
        let operation = try await client.operation(reference)
        switch operation.status {
        case "SUCCESSFUL": return .succeeded
        case "FAILED", "ERROR": return .failed(operation.message.map { "\(operation.status): \($0)" } ?? operation.status)
        default: return .inProgress(operation.status)
        }
    }

    func findLost(_ domain: String, requested reference: String?) async throws -> LostPurchase {
        // The newest REGISTER_DOMAIN operation for the name: the one whose answer was lost.
        if let operation = try await client.registrations(of: domain).last, !operation.id.isEmpty { return .found(operation.id) }
        return .unknown("Route 53 Domains lists no registration operation for \(domain), and the account does not hold it")
    }
}
