import DNSPlanning
import PlanModel
import TenantCore

/// Certificates' planning half: one lineage per `tls: true` domain (``CertificateRequest``),
/// compared with the lineages certbot holds under tenantctl's config directory.
///
/// - `cert.issue` when a lineage has no certificate, or its names or ACME directory differ from
///   git; `cert.renew` when less than `renewBefore` of its lifetime remains, at the time of the
///   observation (the planner has no clock).
/// - Each waits for the DNS changes of its names in the same plan (the record, and OVH's publish
///   of the zone): the names exist before their certificate is asked for.
/// - Preflight: a name whose zone no configured provider hosts (or that DNS observed missing)
///   cannot answer a DNS-01 challenge; its certificate is withheld with the reason.
/// - Rate limits: the orders the plan would place are forecast against the CA's limits with
///   the journal's recent orders (``RateLimitForecast``); an order over a limit is withheld,
///   and a note says which limit, how full it is and when it frees up.
/// - Dates and names go into the plan; never anything of the key.
public struct CertsPlanner: SystemPlanning {
    public static let systemName = CertAddress.system
    public var system: String { Self.systemName }

    public init() {}

    public func plan(_ input: SystemPlanInput) -> SystemPlan {
        guard let settings = input.desired.certificates,
              let observation = input.observed.observation(of: system, as: CertsObservation.self) else { return SystemPlan() }
        var result = SystemPlan()
        let dns = input.observed.observation(of: DNSAddress.system, as: DNSObservation.self)
        var forecast = RateLimitForecast(limits: settings.rateLimits, directory: settings.directory, history: observation.history,
                                         now: observation.observedAt)
        /// Per limit reached: the first refusal, its environment, and how many were withheld.
        var reached: [String: (refusal: RateLimitForecast.Refusal, environment: String, withheld: Int)] = [:]
        if let problem = observation.historyProblem, settings.rateLimits != .none {
            result.notes.append(PlanNote(environment: "certificates", text: "rate limits forecast from this plan alone: the journal's certificate orders could not be read (\(problem))"))
        }
        for request in CertificateRequest.all(in: input.desired) {
            let address = CertAddress.lineage(request)
            let target = "\(request.host) (\(request.names.joined(separator: ", ")))"
            if let problem = Self.preflight(request, desired: input.desired, dns: dns) ?? Self.caaProblem(request, settings: settings, dns: dns) {
                result.withheld.append(WithheldChange(environment: request.environment, address: address, kind: .certIssue, target: target,
                                                      reason: "preflight: \(problem)", cause: .blocked))
                continue
            }
            let decision = Self.decide(request, observed: observation.lineages[request.lineage], settings: settings, now: observation.observedAt)
            var issuance: String?
            switch decision {
            case .upToDate:
                break
            case let .unreadable(message):
                result.withheld.append(WithheldChange(environment: request.environment, address: address, kind: .certIssue, target: target,
                                                      reason: "lineage \(request.lineage) could not be read: \(message); fix or remove it under certbot's live/ folder", cause: .blocked))
            case let .change(kind, effect, reasons):
                if let refusal = forecast.admit(names: request.names, renewal: kind == .certRenew) {
                    result.withheld.append(WithheldChange(environment: request.environment, address: address, kind: kind, target: target,
                                                          reason: refusal.text + "; withheld until then", cause: .rateLimited))
                    reached[refusal.limit, default: (refusal, request.environment, 0)].withheld += 1
                    break
                }
                var parameters: [String: ChangeParameter] = [
                    "lineage": .string(request.lineage), "names": .strings(request.names), "directory": .string(settings.directory),
                    "zone": .string(request.zone), "provider": .string(request.provider),
                ]
                if let facts = observation.lineages[request.lineage]?.facts { parameters["not_after"] = .string(UTCDate.text(facts.notAfter)) }
                let change = Change(address: address, kind: kind, effect: effect, tenant: request.tenant, environment: request.environment,
                                    target: target, reasons: reasons, dependsOn: Self.dnsDependencies(of: request, upstream: input.upstream),
                                    parameters: parameters)
                result.changes.append(change)
                issuance = change.id
            }
            if case .unreadable = decision { continue }
            if let delivery = Self.delivery(request, observation: observation, issuance: issuance, upstream: input.upstream) {
                result.changes.append(delivery)
            }
        }
        for limit in reached.keys.sorted() {
            guard let (refusal, environment, withheld) = reached[limit] else { continue }
            result.notes.append(PlanNote(environment: environment, text: "ACME rate limit \(refusal.limit) (\(refusal.allowed)) at \(settings.directory): "
                + "\(refusal.used) used in the window, \(refusal.planned) planned; \(withheld) more order(s) withheld; a place frees up at \(UTCDate.text(refusal.freesAt))"))
        }
        return result
    }

    /// `cert.deliver` when the request has an application to go to and its model does not hold
    /// the current certificate (or one is being issued now): after the issuance, and after the
    /// Juju changes of the environment (the application exists before it is granted a secret).
    static func delivery(_ request: CertificateRequest, observation: CertsObservation, issuance: String?, upstream: [Change]) -> Change? {
        guard let application = request.application else { return nil }
        let facts = observation.lineages[request.lineage]?.facts
        let wanted = issuance == nil ? facts.map { DeliveryInfo.text(lineage: request.lineage, facts: $0) } : nil
        let observed: String?
        switch observation.deliveries[request.lineage] {
        case let .delivered(info)?: observed = info ?? "(a secret without a description)"
        case .absent?, nil: observed = nil
        case let .unknown(reason)?: observed = "(unknown: \(reason))"
        }
        if issuance == nil, let wanted, observed == wanted { return nil }
        if issuance == nil, wanted == nil { return nil }
        let juju = upstream.filter { $0.environment == request.environment && $0.address.system == "juju" }.map(\.id)
        return Change(address: CertAddress.delivery(request), kind: .certDeliver, effect: observed == nil ? .create : .update,
                      tenant: request.tenant, environment: request.environment,
                      target: "\(request.host) to \(application) (secret \(request.secretName))",
                      reasons: [Reason(field: "delivered", desired: wanted ?? "the certificate \(issuance.map { _ in "being issued" } ?? "")", observed: observed)],
                      dependsOn: (issuance.map { [$0] } ?? []) + juju,
                      parameters: ["lineage": .string(request.lineage), "secret": .string(request.secretName),
                                   "application": .string(application), "model": .string(request.model)])
    }

    /// What a lineage needs.
    public enum Decision: Equatable, Sendable {
        case upToDate
        case unreadable(String)
        case change(ChangeKind, Effect, [Reason])
    }

    public static func decide(_ request: CertificateRequest, observed: LineageObservation?, settings: DesiredCertificates, now: Int) -> Decision {
        let wanted = request.names.sorted().joined(separator: ", ")
        switch observed {
        case nil, .missing?:
            return .change(.certIssue, .create, [Reason(field: "names", desired: wanted, observed: nil)])
        case let .failed(message)?:
            return .unreadable(message)
        case let .present(facts)?:
            var reasons: [Reason] = []
            if facts.names != request.names.sorted() {
                reasons.append(Reason(field: "names", desired: wanted, observed: facts.names.joined(separator: ", ")))
            }
            if let directory = facts.directory, directory != settings.directory {
                reasons.append(Reason(field: "directory", desired: settings.directory, observed: directory))
            }
            if !reasons.isEmpty { return .change(.certIssue, .update, reasons) }
            let lifetime = max(0, facts.notAfter - facts.notBefore)
            let window = settings.renewBefore.seconds(lifetime: lifetime)
            let left = facts.notAfter - now
            guard left < window else { return .upToDate }
            let observedText = left > 0
                ? "\(UTCDate.text(facts.notAfter)) (\(UTCDate.span(left)) left of \(UTCDate.span(lifetime)))"
                : "\(UTCDate.text(facts.notAfter)) (expired)"
            return .change(.certRenew, .update, [Reason(field: "not_after", desired: "more than \(UTCDate.span(window)) left (renewBefore: \(settings.renewBefore))",
                                                        observed: observedText)])
        }
    }

    /// Why the names of `request` cannot be validated through DNS-01, if they cannot.
    static func preflight(_ request: CertificateRequest, desired: DesiredState, dns: DNSObservation?) -> String? {
        guard let provider = desired.dns.providers[request.provider] else {
            return "zone \(request.zone) names provider '\(request.provider)', which tenantctl.yaml does not configure: the _acme-challenge records cannot be written"
        }
        guard desired.dns.zones.contains(where: { $0.zone == request.zone && $0.provider == request.provider }) else {
            return "zone \(request.zone) is not one of tenantctl.yaml's zones at \(request.provider) (\(provider.kind.rawValue)): the _acme-challenge records cannot be written"
        }
        if let zone = dns?.zone(provider: request.provider, zone: request.zone), case .missing = zone.state {
            return "zone \(request.zone) does not exist at \(request.provider): the _acme-challenge records cannot be written"
        }
        return nil
    }

    /// Why CAA records (RFC 8659) forbid the CA to issue for a name, if they do. The relevant
    /// set is the closest one at or above the name, within the zone tenantctl read (parent zones
    /// above it are not looked at); `issuewild` governs wildcards where present.
    static func caaProblem(_ request: CertificateRequest, settings: DesiredCertificates, dns: DNSObservation?) -> String? {
        guard let records = dns?.zone(provider: request.provider, zone: request.zone)?.records else { return nil }
        for name in request.names {
            let wildcard = name.hasPrefix("*.")
            var current = wildcard ? String(name.dropFirst(2)) : name
            while true {
                let caa = records.filter { $0.name == current && $0.type == "CAA" }.flatMap(\.values).compactMap(CAARecord.init)
                if !caa.isEmpty {
                    let wild = caa.filter { $0.tag == "issuewild" }
                    let relevant = wildcard && !wild.isEmpty ? wild : caa.filter { $0.tag == "issue" }
                    if relevant.isEmpty { break }
                    let allowed = relevant.map(\.issuer).filter { !$0.isEmpty }
                    guard let identities = settings.caaIdentitiesOrKnown else {
                        return "CAA records at \(current) allow only \(allowed.isEmpty ? "no CA" : allowed.joined(separator: ", ")); set spec.certificates.caaIdentities to the CA's identity to check them"
                    }
                    if !allowed.contains(where: identities.contains) {
                        return "CAA records at \(current) allow only \(allowed.isEmpty ? "no CA" : allowed.joined(separator: ", ")), not \(identities.joined(separator: ", ")) (\(name))"
                    }
                    break
                }
                guard current != request.zone, let dot = current.firstIndex(of: ".") else { break }
                current = String(current[current.index(after: dot)...])
            }
        }
        return nil
    }

    /// The DNS changes of this plan that put the certificate's names in place: the host's
    /// record, and the publication of its zone for the environment (OVH).
    static func dnsDependencies(of request: CertificateRequest, upstream: [Change]) -> [String] {
        let publish = DNSAddress.publish(provider: request.provider, zone: request.zone, environment: request.environment)
        return upstream.filter { change in
            guard change.address.system == DNSAddress.system else { return false }
            if change.address == publish { return true }
            return change.kind == .dnsUpsert && change.parameters["name"].map { DNSName.normalized($0.description) } == request.host
        }.map(\.id)
    }
}
