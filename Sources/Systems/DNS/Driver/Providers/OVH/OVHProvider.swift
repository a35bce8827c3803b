import DNSPlanning
import Foundation
import HTTPClient
import Reconciler

/// DNS zones hosted by OVH, through the signed API v1.
///
/// - list: `GET /domain/zone/{zone}/record` (every id), then `GET …/record/{id}` for each, a few
///   at a time, grouped into record sets.
/// - apply: per record set, the current records of that name and type
///   (`GET …/record?fieldType=&subDomain=`), then the fewest `POST`/`PUT`/`DELETE` calls that make
///   them the desired ones (OVHRecordWrites). Deletions of the batch go first, so that a CNAME
///   can give way to an A record at the same name.
/// - publish: OVH serves written records only after `POST /domain/zone/{zone}/refresh`, once per
///   zone per apply.
public struct OVHProvider: DNSProviderClient {
    public let kind = "ovh"
    let api: OVHAPI
    /// Record reads in flight at once when listing (OVH has no bulk read in API v1).
    let readConcurrency: Int
    /// Record sets written at once.
    let writeConcurrency: Int

    /// `endpoint`: the fleet's `endpoint` (`ovh-eu`, `ovh-ca`, `ovh-us`…) or a URL; the
    /// credentials are the values read from the fleet's Vault references.
    public init(endpoint: OVHEndpoint, credentials: OVHCredentials, http: HTTPClient, readConcurrency: Int = 8, writeConcurrency: Int = 4) {
        api = OVHAPI(endpoint: endpoint, credentials: credentials, http: http, clock: OVHClockOffset())
        self.readConcurrency = max(1, readConcurrency)
        self.writeConcurrency = max(1, writeConcurrency)
    }

    /// The fleet's `endpoint` as written (`ovh-eu`…, or a URL); throws when it is neither.
    public init(endpoint: String, credentials: OVHCredentials, http: HTTPClient) throws {
        self.init(endpoint: try OVHEndpoint(endpoint), credentials: credentials, http: http)
    }

    public var needsPublish: Bool { true }

    public func listRecordSets(in zone: String) async throws -> ZoneListing {
        let zone = DNSName.normalized(zone)
        let base = Self.zonePath(zone)
        let ids = try api.decode([Int].self, try await api.send(.get, base + "/record"),
                                 doing: "listing the records of \(zone)", notFound: .zoneNotFound)
        let api = self.api
        let records = try await BoundedMap.runThrowing(ids, parallelism: readConcurrency) { id in
            // A record gone between the list and its read makes the listing stale: say so, and
            // let the next attempt list again, rather than return a zone missing a record.
            try api.decode(OVHRecord.self, try await api.send(.get, base + "/record/\(id)"),
                           doing: "reading record \(id) of \(zone)", notFound: .transient)
        }
        return ZoneListing(recordSets: OVHRecordValues.recordSets(records, zone: zone))
    }

    public func apply(_ batch: DNSChangeBatch, to zone: String) async throws {
        let zone = DNSName.normalized(zone)
        var deletions: [DNSChangeBatch.Entry] = []
        var upserts: [DNSChangeBatch.Entry] = []
        for entry in batch.entries {
            guard DNSName.relative(entry.recordSet.name, in: zone) != nil else {
                throw DNSProviderError(.permanent, "ovh: \(entry.recordSet.name) is not in zone \(zone)")
            }
            if case .delete = entry { deletions.append(entry) } else { upserts.append(entry) }
        }
        let provider = self
        for group in [deletions, upserts] where !group.isEmpty {
            _ = try await BoundedMap.runThrowing(group, parallelism: writeConcurrency) { entry in
                try await provider.write(entry, in: zone)
            }
        }
    }

    public func publish(zone: String) async throws {
        let zone = DNSName.normalized(zone)
        let response = try await api.send(.post, Self.zonePath(zone) + "/refresh")
        guard response.isSuccess else {
            throw api.failure(response, doing: "refreshing \(zone)", notFound: .zoneNotFound)
        }
    }

    /// Makes one record set of OVH what `entry` says.
    func write(_ entry: DNSChangeBatch.Entry, in zone: String) async throws {
        let set = entry.recordSet
        let subDomain = DNSName.relative(set.name, in: zone) ?? ""
        let base = Self.zonePath(zone)
        let ids = try api.decode([Int].self, try await api.send(.get, base + "/record", query: [("fieldType", set.type), ("subDomain", subDomain)]),
                                 doing: "finding the \(set.type) records of \(set.name)", notFound: .zoneNotFound)
        let api = self.api
        let existing = try await BoundedMap.runThrowing(ids, parallelism: readConcurrency) { id in
            try api.decode(OVHRecord.self, try await api.send(.get, base + "/record/\(id)"),
                           doing: "reading record \(id) of \(zone)", notFound: .transient)
        }
        let desired: DNSRecordSet? = if case .upsert(let set) = entry { set } else { nil }
        for write in OVHRecordWrites.plan(existing: existing, desired: desired) {
            switch write {
            case let .create(target, ttl):
                let response = try await api.send(.post, base + "/record",
                                                  body: OVHRecordCreation(fieldType: set.type, subDomain: subDomain, target: target, ttl: ttl))
                guard response.isSuccess else { throw api.failure(response, doing: "creating \(set.name) \(set.type)", notFound: .zoneNotFound) }
            case let .update(id, target, ttl):
                let response = try await api.send(.put, base + "/record/\(id)", body: OVHRecordUpdate(target: target, ttl: ttl))
                guard response.isSuccess else { throw api.failure(response, doing: "updating \(set.name) \(set.type) (record \(id))", notFound: .transient) }
            case let .delete(id):
                let response = try await api.send(.delete, base + "/record/\(id)")
                // Already gone: what a delete wants.
                guard response.isSuccess || response.status == 404 else {
                    throw api.failure(response, doing: "deleting \(set.name) \(set.type) (record \(id))")
                }
            }
        }
    }

    static func zonePath(_ zone: String) -> String {
        "/domain/zone/" + URLComponentEncoding.encode(zone)
    }
}
