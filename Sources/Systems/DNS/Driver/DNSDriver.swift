import DNSPlanning
import Foundation
import PlanModel
import Reconciler
import TenantCore

/// DNS's driver half: reads every zone the plan needs once per run (a bounded number at a time),
/// and writes record sets, their ownership TXT and (OVH) the zone's publication through the
/// provider clients. Credentials are Vault references, read through the run's secret source
/// when a provider is first used, and masked in every message.
public struct DNSDriver: SystemDriver {
    public var system: String { DNSPlanner.systemName }
    public let settings: DNSDriverSettings
    /// The desired state being applied (its providers), nil for a driver that only observes.
    public let desired: DesiredState?
    let clients: ProviderClients
    let registrars: RegistrarClients

    public init(settings: DNSDriverSettings, desired: DesiredState? = nil) {
        self.settings = settings
        self.desired = desired
        self.clients = ProviderClients(settings: settings)
        self.registrars = RegistrarClients(settings: settings, redactor: clients.redactor)
    }

    public func observe(_ request: ObservationRequest) async -> any SystemObservation {
        // Zones this host wrote to before, from the journal: a zone no domain names any more may
        // still hold owned records. A journal that cannot be read only narrows what is observed
        // (fewer deletes, never more).
        let written = ((try? settings.book?.ownedResources(of: system)) ?? [:]).keys.compactMap(JournalAddress.zone)
        let zones = Self.zones(of: request.desired, also: written)
        let clients = self.clients
        let providers = request.desired.dns.providers
        let observed = await BoundedMap.run(zones, parallelism: settings.parallelism) { target -> ZoneObservation in
            do {
                let client = try await clients.client(target.provider, providers[target.provider])
                let listing = try await client.listRecordSets(in: target.zone)
                return ZoneObservation(zone: target.zone, provider: target.provider, state: .observed(listing.recordSets), serial: listing.serial)
            } catch let error as DNSProviderError where error.kind == .zoneNotFound {
                return ZoneObservation(zone: target.zone, provider: target.provider, state: .missing)
            } catch {
                return ZoneObservation(zone: target.zone, provider: target.provider, state: .failed(clients.redact("\(error)")))
            }
        }
        let hosted = Set(observed.compactMap { zone in zone.records == nil ? nil : DNSAddress.scope(provider: zone.provider, zone: zone.zone) })
        let registrations = await RegistrationObserver(clients: registrars, book: settings.book, parallelism: settings.parallelism)
            .observe(request.desired, hosted: hosted)
        return DNSObservation(observed, registrations: registrations)
    }

    /// The zones the plan needs: every zone a domain of git names, and every zone this host
    /// wrote records to (the journal), where records of domains gone from git may remain. A
    /// fleet zone nobody uses is not read: it costs a transfer (or a timeout) and holds nothing
    /// of tenantctl's that the journal does not know of.
    static func zones(of desired: DesiredState, also written: [(provider: String, zone: String)] = []) -> [(provider: String, zone: String)] {
        var seen = Set<String>()
        var result: [(provider: String, zone: String)] = []
        let all = desired.environments.flatMap { $0.domains.map { ($0.provider, $0.zone) } }
            + written.map { ($0.provider, $0.zone) }
        for (provider, zone) in all where seen.insert(DNSAddress.scope(provider: provider, zone: zone)).inserted {
            result.append((provider, DNSName.normalized(zone)))
        }
        return result.sorted { ($0.provider, $0.zone) < ($1.provider, $1.zone) }
    }

    public func apply(_ change: Change, inputs: ChangeInputs) async throws -> [String: String] {
        guard let desired else { throw DNSDriverError("this DNS driver was made to observe, not to apply") }
        if let done = try await applyRegistration(change, desired: desired) { return done }
        let (provider, zone) = DNSAddress.zone(of: change.address)
        let client = try await clients.client(provider, desired.dns.providers[provider])
        let servers = try gateServers(provider: provider, desired.dns.providers[provider], client: client)
        switch change.kind {
        case .dnsUpsert:
            let entries = try DNSChangeEntries.upsert(change, inputs: inputs)
            try await client.apply(DNSChangeBatch(entries), to: zone)
            // A hint for later observations, not the ownership itself (that is the TXT record):
            // a journal that cannot be written does not fail a record that was written.
            try? settings.book?.recordOwnedResource(system: system, address: JournalAddress.of(provider: provider, zone: zone, environment: change.environment),
                                                    owner: change.environment)
            return try await gate(DNSChangeEntries.gated(entries), zone: zone, servers: servers, publishedLater: client.needsPublish)
        case .dnsDelete:
            let entries = try DNSChangeEntries.delete(change)
            try await client.apply(DNSChangeBatch(entries), to: zone)
            return try await gate(DNSChangeEntries.gated(entries), zone: zone, servers: servers, publishedLater: client.needsPublish)
        case .dnsPublish:
            guard client.needsPublish else { return [:] }
            try await client.publish(zone: zone)
            if let servers { try await gatePublished(inputs, zone: zone, servers: servers) }
            return [:]
        default:
            throw DNSDriverError("\(change.id): \(change.kind.rawValue) is not a kind of change DNS knows (a plan file edited by hand?)")
        }
    }

    public func classify(_ error: any Error) -> ErrorClass {
        if let error = error as? DNSProviderError { return error.kind == .transient ? .transient : .permanent }
        return .permanent
    }

    public func redact(_ text: String) -> String { clients.redact(text) }
}

/// How the DNS driver is set up: where credentials come from, endpoint overrides, limits.
public struct DNSDriverSettings: Sendable {
    /// Reads provider credentials (Vault references); nil: none can be read.
    public var secrets: (any SecretSource)?
    /// Provider name → endpoint overriding `tenantctl.yaml`'s (`--dns-endpoint`): an API URL,
    /// or an RFC 2136 server `host:port` / `dns://host:port`.
    public var endpoints: [String: String]
    /// Zones read at once.
    public var parallelism: Int
    /// One provider call's time limit.
    public var timeout: Duration
    /// How long the health gate after a write waits for the zone's authoritative servers to
    /// answer it (`--dns-gate-timeout`).
    public var gateTimeout: Duration
    /// Where the zones written to are noted (the state store), if anywhere.
    public var book: (any OwnedResourceBook)?
    /// How long a purchase is followed within one apply.
    public var registrationTiming = RegistrationTiming()

    public init(secrets: (any SecretSource)?, endpoints: [String: String] = [:], parallelism: Int = 8, timeout: Duration = .seconds(30),
                gateTimeout: Duration = .seconds(120), book: (any OwnedResourceBook)? = nil) {
        self.gateTimeout = gateTimeout
        self.book = book
        self.secrets = secrets
        self.endpoints = endpoints
        self.parallelism = max(1, parallelism)
        self.timeout = timeout
    }
}

/// One client per provider account per run, built on first use (its credentials read then).
final class ProviderClients: Sendable {
    let settings: DNSDriverSettings
    let redactor = SecretRedactor()
    private let cache = ClientCache()

    init(settings: DNSDriverSettings) {
        self.settings = settings
    }

    func client(_ name: String, _ provider: DesiredDNSProvider?) async throws -> any DNSProviderClient {
        try await cache.client(name) { [settings, redactor] in
            guard let provider else { throw DNSDriverError("no DNS provider named '\(name)' in tenantctl.yaml") }
            // Read as the registrars read them: one place decides how credentials leave Vault.
            let credentials = try await RegistrarClients.credentials(name, provider, secrets: settings.secrets, redactor: redactor)
            let client = try DNSProviderFactory.make(name: name, provider: provider, credentials: credentials,
                                                     endpoint: settings.endpoints[name], timeout: settings.timeout)
            return CoalescingDNSClient(wrapping: client)
        }
    }

    func redact(_ text: String) -> String { redactor.redact(text) }
}

/// Clients by provider name: the first caller builds, the others wait for the same result.
actor ClientCache {
    private var tasks: [String: Task<any DNSProviderClient, any Error>] = [:]

    func client(_ name: String, _ make: @escaping @Sendable () async throws -> any DNSProviderClient) async throws -> any DNSProviderClient {
        if let task = tasks[name] { return try await task.value }
        let task = Task { try await make() }
        tasks[name] = task
        return try await task.value
    }
}

public struct DNSDriverError: Error, UserFacingError, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
    public var userMessage: String { description }
}

/// How the journal names a zone an environment wrote to: `dns:<provider>/<zone>/<environment id>`
/// (one row per environment, so that each keeps its owner).
enum JournalAddress {
    static func of(provider: String, zone: String, environment: String) -> String {
        "\(DNSAddress.system):\(DNSAddress.scope(provider: provider, zone: zone))/\(environment)"
    }

    static func zone(_ address: String) -> (provider: String, zone: String)? {
        guard address.hasPrefix(DNSAddress.system + ":") else { return nil }
        let parts = address.dropFirst(DNSAddress.system.count + 1).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}
