import DNSPlanning
import Foundation
import HTTPClient

/// DNS zones hosted by Amazon Route 53.
///
/// - zone: found by name (`ListHostedZonesByName`, the public zone when a private one has the
///   same name), once per provider; or the fleet's `hostedZoneId`.
/// - list: `ListResourceRecordSets`, every page (`IsTruncated`, `NextRecordName`, `NextRecordType`).
/// - apply: `ChangeResourceRecordSets` with UPSERT and DELETE, deletions first, split to the
///   API's limits; each batch is followed with `GetChange` until `INSYNC` before the next.
///   A DELETE of a set already gone makes Route 53 refuse the whole batch (`InvalidChangeBatch`;
///   moto says `InvalidInput`): the deleted sets are then looked up, those gone dropped, and the
///   rest sent again.
public struct Route53Provider: DNSProviderClient {
    public let kind = "route53"
    public static let defaultEndpoint = URL(string: "https://route53.amazonaws.com")!

    let api: Route53API
    let hostedZoneID: String?
    let zoneIDs = Route53ZoneIDs()
    /// `maxitems` of each ListResourceRecordSets page; nil: Route 53's default (300).
    let pageSize: Int?
    let changeWait: Route53ChangeWait
    let limits: Route53ChangeBatches.Limits

    /// `endpoint`: the fleet's `endpoint`, else Route 53's. `region`: the signing region, the
    /// fleet's `region`, else `us-east-1` (Route 53 is global and signs there). `hostedZoneID`:
    /// the fleet's `hostedZoneId`, used for every zone of this provider instead of a lookup.
    public init(endpoint: URL? = nil, region: String? = nil, credentials: AWSCredentials, http: HTTPClient,
                hostedZoneID: String? = nil, pageSize: Int? = nil, changeTimeout: Duration = .seconds(300)) {
        api = Route53API(endpoint: endpoint ?? Self.defaultEndpoint,
                         signer: SigV4Signer(credentials: credentials, region: region ?? "us-east-1", service: "route53"), http: http)
        self.hostedZoneID = hostedZoneID.map { Route53Decoding.stripPrefix($0, "/hostedzone/") }
        self.pageSize = pageSize
        changeWait = Route53ChangeWait(deadline: changeTimeout)
        limits = Route53ChangeBatches.Limits()
    }

    public func listRecordSets(in zone: String) async throws -> ZoneListing {
        let zone = DNSName.normalized(zone)
        let id = try await zoneID(zone)
        var sets: [DNSRecordKey: DNSRecordSet] = [:]
        var start: [(String, String)] = []
        while true {
            var query = start
            if let pageSize { query.append(("maxitems", String(pageSize))) }
            let response = try await api.send(.get, "/hostedzone/\(id)/rrset", query: query)
            guard response.isSuccess else { throw api.failure(response, doing: "listing the records of \(zone)", notFound: .zoneNotFound) }
            let page = try Route53Decoding.recordPage(response.data)
            for set in page.recordSets {
                // Sets of one name and type with routing policies (SetIdentifier) show as one.
                if var known = sets[set.key] {
                    known.values = (known.values + set.values).sorted()
                    sets[set.key] = known
                } else {
                    sets[set.key] = set
                }
            }
            guard page.isTruncated else { break }
            guard let name = page.nextRecordName else {
                throw DNSProviderError(.transient, "route53: a truncated page of \(zone) gave no NextRecordName")
            }
            start = [("name", name)]
            if let type = page.nextRecordType { start.append(("type", type)) }
            if let identifier = page.nextRecordIdentifier { start.append(("identifier", identifier)) }
        }
        return ZoneListing(recordSets: Array(sets.values))
    }

    public func apply(_ batch: DNSChangeBatch, to zone: String) async throws {
        let zone = DNSName.normalized(zone)
        for entry in batch.entries where DNSName.relative(entry.recordSet.name, in: zone) == nil {
            throw DNSProviderError(.permanent, "route53: \(entry.recordSet.name) is not in zone \(zone)")
        }
        guard !batch.entries.isEmpty else { return }
        let id = try await zoneID(zone)
        let ordered = batch.entries.filter { if case .delete = $0 { true } else { false } }
            + batch.entries.filter { if case .upsert = $0 { true } else { false } }
        for entries in Route53ChangeBatches.split(ordered, limits: limits) {
            guard let change = try await submit(entries, zoneID: id, zone: zone) else { continue }
            if change.status == "INSYNC" { continue }
            try await changeWait.until(inSync: change.id) { [api] in
                let response = try await api.send(.get, "/change/\(change.id)")
                guard response.isSuccess else { throw api.failure(response, doing: "GetChange \(change.id)") }
                return try Route53Decoding.changeInfo(response.data).status
            }
        }
    }

    /// Sends one batch; nil when nothing was left to send.
    func submit(_ entries: [DNSChangeBatch.Entry], zoneID: String, zone: String) async throws -> Route53ChangeInfo? {
        var entries = entries
        var recovered = false
        while true {
            let response = try await api.send(.post, "/hostedzone/\(zoneID)/rrset", body: Route53ChangeBatches.body(entries))
            if response.isSuccess { return try Route53Decoding.changeInfo(response.data) }
            let refusal = api.failure(response, doing: "changing \(entries.count) record sets of \(zone)", notFound: .zoneNotFound)
            let code = Route53Decoding.error(response.data)?.code
            guard response.status == 400, !recovered, ["InvalidChangeBatch", "InvalidInput"].contains(code ?? "") else { throw refusal }
            recovered = true
            var kept: [DNSChangeBatch.Entry] = []
            for entry in entries {
                if case .delete(let set) = entry, try await currentSet(set.key, zoneID: zoneID) == nil { continue }
                kept.append(entry)
            }
            guard kept.count < entries.count else { throw refusal }
            if kept.isEmpty { return nil }
            entries = kept
        }
    }

    /// The set of this name and type as Route 53 has it now, or nil.
    func currentSet(_ key: DNSRecordKey, zoneID: String) async throws -> DNSRecordSet? {
        let response = try await api.send(.get, "/hostedzone/\(zoneID)/rrset",
                                          query: [("name", Route53Names.encode(key.name)), ("type", key.type), ("maxitems", "1")])
        guard response.isSuccess else { throw api.failure(response, doing: "reading \(key)") }
        return try Route53Decoding.recordPage(response.data).recordSets.first { $0.key == key }
    }

    /// The hosted zone id of `zone`, looked up once.
    func zoneID(_ zone: String) async throws -> String {
        if let hostedZoneID { return hostedZoneID }
        if let known = await zoneIDs.id(of: zone) { return known }
        let response = try await api.send(.get, "/hostedzonesbyname", query: [("dnsname", zone + "."), ("maxitems", "10")])
        guard response.isSuccess else { throw api.failure(response, doing: "looking up the hosted zone \(zone)") }
        let matches = try Route53Decoding.hostedZones(response.data).filter { $0.name == zone }
        guard let found = matches.first(where: { !$0.privateZone }) ?? matches.first else {
            throw DNSProviderError(.zoneNotFound, "route53: no hosted zone is named \(zone)")
        }
        await zoneIDs.remember(found.id, for: zone)
        return found.id
    }
}

/// Hosted zone ids found by name, for the provider's life (one run).
actor Route53ZoneIDs {
    private var ids: [String: String] = [:]
    func id(of zone: String) -> String? { ids[zone] }
    func remember(_ id: String, for zone: String) { ids[zone] = id }
}
