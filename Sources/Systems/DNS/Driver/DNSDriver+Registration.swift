import DNSPlanning
import Foundation
import PlanModel
import Reconciler
import TenantCore

/// The DNS driver's registration changes: `domain.register` (a purchase, through
/// ``RegistrationApplier``) and `dns.zone.create` (Route 53's hosted zone of a domain bought).
extension DNSDriver {
    /// The change's outputs when it is one of these kinds, nil for any other.
    func applyRegistration(_ change: Change, desired: DesiredState) async throws -> [String: String]? {
        switch change.kind {
        case .domainRegister:
            // Buying needs a journal that keeps the purchase's stage: without one a lost answer
            // could lead to a second purchase.
            guard let book = settings.book as? any OwnedResourceReferenceBook else {
                throw DNSDriverError("\(change.target): tenantctl buys a domain only with its state store (the journal of purchases); none is open")
            }
            try await RegistrationApplier(clients: registrars, book: book, timing: settings.registrationTiming, secrets: settings.secrets)
                .apply(change, desired: desired)
            return [:]
        case .dnsZoneCreate:
            let (provider, zone) = DNSAddress.zone(of: change.address)
            try await registrars.route53(provider, desired.dns.providers[provider]).createHostedZone(zone)
            return [:]
        default:
            return nil
        }
    }
}
