import DNSPlanning
import Foundation
import Reconciler
import TenantCore

/// Observes the domains tenants want bought: the registrar's answers (held by the account?
/// free? at what price for the fleet's period?) and the journal's record of past purchases.
struct RegistrationObserver {
    let clients: RegistrarClients
    let book: (any OwnedResourceBook)?
    let parallelism: Int

    /// Each `(provider, zone)` of a `register: true` domain, once.
    static func targets(of desired: DesiredState) -> [(provider: String, domain: String)] {
        var seen = Set<String>()
        var result: [(provider: String, domain: String)] = []
        for environment in desired.environments {
            for domain in environment.domains where domain.register {
                let name = DNSName.normalized(domain.zone)
                if seen.insert(DNSAddress.scope(provider: domain.provider, zone: name)).inserted { result.append((domain.provider, name)) }
            }
        }
        return result.sorted { ($0.provider, $0.domain) < ($1.provider, $1.domain) }
    }

    /// - Parameter hosted: scopes (`<provider>/<zone>`) whose zone the provider listed: a domain
    ///   whose zone is already hosted in the fleet's account is in use, and its registrar is
    ///   asked nothing unless the journal holds a purchase of it that did not end.
    func observe(_ desired: DesiredState, hosted: Set<String> = []) async -> [RegistrationObservation] {
        var targets = Self.targets(of: desired)
        guard !targets.isEmpty else { return [] }
        // The journal: an unreadable one fails every registration (a purchase it may hold must
        // not be made again on the registrar's word alone).
        let journal: Result<[String: String], any Error> = Result {
            guard let book = book as? any OwnedResourceReferenceBook else { return [:] }
            return try book.ownedResourceReferences(of: RegistrationAddress.system)
        }
        if case let .success(references) = journal {
            targets.removeAll { target in
                hosted.contains(DNSAddress.scope(provider: target.provider, zone: target.domain))
                    && references[RegistrationAddress.journal(provider: target.provider, domain: target.domain)]
                        .flatMap(RegistrationJournalEntry.parse)?.isUnfinished != true
            }
        }
        let settings = desired.dns.registration ?? DesiredRegistration()
        let providers = desired.dns.providers
        let clients = self.clients
        return await BoundedMap.run(targets, parallelism: parallelism) { target -> RegistrationObservation in
            let address = RegistrationAddress.journal(provider: target.provider, domain: target.domain)
            let entry: RegistrationJournalEntry?
            switch journal {
            case let .success(references): entry = references[address].flatMap(RegistrationJournalEntry.parse)
            case let .failure(error):
                return RegistrationObservation(domain: target.domain, provider: target.provider, state: .failed("the journal could not be read: \(error)"))
            }
            do {
                let registrar = try await clients.registrar(target.provider, providers[target.provider])
                let answer = try await registrar.answer(for: target.domain, years: settings.periodYears, settings: settings)
                return RegistrationObservation(domain: target.domain, provider: target.provider, state: .observed(answer), journal: entry)
            } catch {
                return RegistrationObservation(domain: target.domain, provider: target.provider, state: .failed(clients.redactor.redact("\(error)")),
                                               journal: entry)
            }
        }
    }
}
