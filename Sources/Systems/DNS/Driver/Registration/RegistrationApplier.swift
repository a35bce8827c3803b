import DNSPlanning
import Foundation
import PlanModel
import Reconciler
import TenantCore

/// Applies `domain.register`: buys a domain once, journaling before and after the call that
/// spends, so that a crash or a lost answer never leads to a second purchase.
///
/// The journal's row `domain:<provider>/<domain>` goes `requested` (just before the purchase,
/// with OVH's cart), `submitted` (the registrar's operation or order id), then `registered` or
/// `failed`. A row left `requested` is looked up at the registrar (its operations or orders, the
/// cart still open), never bought blindly again; one left `submitted` is followed by its id.
struct RegistrationApplier {
    let clients: RegistrarClients
    let book: any OwnedResourceReferenceBook
    let timing: RegistrationTiming
    let secrets: (any SecretSource)?

    func apply(_ change: Change, desired: DesiredState) async throws {
        let (provider, zone) = DNSAddress.zone(of: change.address)
        let domain = change.parameters["domain"]?.description ?? zone
        let address = RegistrationAddress.journal(provider: provider, domain: domain)
        let registrar = try await clients.registrar(provider, desired.dns.providers[provider])
        let settings = desired.dns.registration ?? DesiredRegistration()
        let journal = try book.ownedResourceReferences(of: RegistrationAddress.system)[address].flatMap(RegistrationJournalEntry.parse)
        func record(_ entry: RegistrationJournalEntry) throws {
            try book.recordOwnedResource(system: RegistrationAddress.system, address: address, owner: change.environment, applied: entry.text)
        }
        if journal?.stage == .registered { return }
        if try await registrar.holds(domain) {
            try record(RegistrationJournalEntry(stage: .registered, reference: journal?.reference))
            return
        }
        switch journal?.stage {
        case .submitted?:
            guard let reference = journal?.reference else { throw DNSDriverError("\(domain): the journal holds a submitted registration without its id") }
            return try await follow(reference, domain: domain, registrar: registrar, record: record)
        case .requested?:
            switch try await registrar.findLost(domain, requested: journal?.reference) {
            case let .found(reference):
                try record(RegistrationJournalEntry(stage: .submitted, reference: reference))
                return try await follow(reference, domain: domain, registrar: registrar, record: record)
            case let .notMade(prepared):
                return try await purchase(domain, years: settings.periodYears, prepared: prepared, registrar: registrar, settings: settings, record: record)
            case let .unknown(why):
                throw DNSDriverError("\(domain): a registration was started and its answer lost; \(why). Nothing is bought again until it is cleared up: check the registrar's console, then remove the journal row \(address) if nothing was bought")
            }
        case nil, .failed?, .registered?:
            break
        }
        if change.parameters["resume"] != nil {
            throw DNSDriverError("\(domain): the plan resumes a registration the journal no longer holds as unfinished; plan again")
        }
        guard settings.allowed, let cap = settings.maxPrice else {
            throw DNSDriverError("\(domain): registration is not allowed by the fleet (spec.dns.registration.allowed): nothing bought")
        }
        // The plan's price may be old: asked again, and checked again, just before buying.
        let answer = try await registrar.answer(for: domain, years: settings.periodYears, settings: settings)
        if answer.ours { return try record(RegistrationJournalEntry(stage: .registered)) }
        guard answer.isAvailable else { throw DNSDriverError("\(domain) is no longer available (\(answer.availability)): nothing bought") }
        try Self.check(answer.quote, cap: cap, domain: domain)
        let prepared = try await registrar.prepare(domain, years: settings.periodYears, settings: settings)
        if let price = prepared.price { try Self.check(price, cap: cap, domain: domain) }
        try await purchase(domain, years: settings.periodYears, prepared: prepared, registrar: registrar, settings: settings, record: record)
    }

    static func check(_ quote: RegistrationQuote?, cap: DomainRegistration.Price, domain: String) throws {
        guard let quote else { throw DNSDriverError("\(domain): the registrar quotes no price: nothing bought") }
        guard quote.currency == cap.currency, quote.amount <= cap.amount + 0.000_5 else {
            throw DNSDriverError("\(domain): the registrar now asks \(quote.text), outside the fleet's cap of \(cap.text): nothing bought")
        }
    }

    private func purchase(_ domain: String, years: Int, prepared: PreparedPurchase, registrar: any Registrar, settings: DesiredRegistration,
                          record: (RegistrationJournalEntry) throws -> Void) async throws {
        // Contacts first: a Vault failure must not leave a purchase journaled as requested.
        let contacts = registrar.needsContacts ? try await RegistrationContacts.read(settings, from: secrets, redactor: clients.redactor) : nil
        // Journaled before the call: if the answer is lost, the next attempt looks it up.
        try record(RegistrationJournalEntry(stage: .requested, reference: prepared.reference))
        let reference: String
        do {
            reference = try await registrar.purchase(domain, years: years, prepared: prepared, contacts: contacts)
        } catch let error as Route53DomainsError where error.status == 400 && error.code != "DuplicateRequest" {
            // Refused outright (invalid contact, unsupported TLD): nothing was bought.
            try record(RegistrationJournalEntry(stage: .failed, reference: error.code))
            throw DNSDriverError("\(domain): \(clients.redactor.redact(error.description)); nothing was bought")
        }
        try record(RegistrationJournalEntry(stage: .submitted, reference: reference))
        try await follow(reference, domain: domain, registrar: registrar, record: record)
    }

    /// Polls the purchase until it ends or the deadline passes (then transient: the next run
    /// resumes by the journaled id).
    private func follow(_ reference: String, domain: String, registrar: any Registrar,
                        record: (RegistrationJournalEntry) throws -> Void) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timing.deadline
        var pause = timing.firstPause
        while true {
            switch try await registrar.progress(of: reference, domain: domain) {
            case .succeeded:
                return try record(RegistrationJournalEntry(stage: .registered, reference: reference))
            case let .failed(message):
                try record(RegistrationJournalEntry(stage: .failed, reference: reference))
                throw DNSDriverError("\(domain): the registrar says the registration \(reference) failed: \(clients.redactor.redact(message))")
            case let .inProgress(status):
                guard clock.now + pause <= deadline else {
                    throw DNSProviderError(.transient, "\(domain): registration \(reference) is still \(status) after \(timing.deadline); the next run resumes following it (it is never bought twice)")
                }
                try await Task.sleep(for: pause)
                pause = min(pause * 2, timing.longestPause)
            }
        }
    }
}
