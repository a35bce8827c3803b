import Foundation

/// The `--config` seed:
///
///     {"applications": [{"key": "AK", "secret": "AS"}],
///      "consumers": [{"key": "CK", "application": "AK",
///                     "rules": [{"method": "GET", "path": "/domain/zone/*"}]}],
///      "zones": [{"name": "acme.fr",
///                 "records": [{"subDomain": "", "fieldType": "A", "target": "203.0.113.1", "ttl": 0}]}],
///      "timeWindowSeconds": 180,
///      "domainPrices": {"fr": 6.99, "com": 10.49}, "takenDomains": ["globex.fr"]}
///
/// A consumer without `rules` may call everything (GET, POST, PUT, DELETE on `/*`). Seeded
/// records are served at once, as if refreshed.
struct SimConfig: Decodable {
    struct Application: Decodable { var key: String; var secret: String }
    struct Rule: Decodable { var method: String; var path: String }
    struct Consumer: Decodable { var key: String; var application: String; var rules: [Rule]? }
    struct Record: Decodable { var subDomain: String?; var fieldType: String; var target: String; var ttl: Int? }
    struct Zone: Decodable { var name: String; var records: [Record]? }

    var applications: [Application]?
    var consumers: [Consumer]?
    var zones: [Zone]?
    /// How far a request's X-Ovh-Timestamp may be from the simulator's clock.
    var timeWindowSeconds: Int?
    /// Yearly registration prices before tax by TLD (`{"fr": 6.99}`), replacing the defaults.
    var domainPrices: [String: Double]?
    /// Names the registrar says are taken (the hosted zones are too).
    var takenDomains: [String]?

    static func decode(_ data: Data) throws -> SimConfig {
        try JSONDecoder().decode(SimConfig.self, from: data)
    }
}

extension OVHServer {
    func apply(config: SimConfig) {
        for application in config.applications ?? [] {
            applications[application.key] = SimApplication(key: application.key, secret: application.secret)
        }
        for consumer in config.consumers ?? [] {
            let rules = consumer.rules?.map { SimAccessRule(method: $0.method, path: $0.path) }
                ?? ["GET", "POST", "PUT", "DELETE"].map { SimAccessRule(method: $0, path: "/*") }
            consumers[consumer.key] = SimConsumer(key: consumer.key, applicationKey: consumer.application, rules: rules)
        }
        for zone in config.zones ?? [] {
            let name = zone.name.lowercased()
            var state = SimZone(name: name)
            for record in zone.records ?? [] {
                let id = nextID()
                state.records[id] = SimRecord(id: id, zone: name, subDomain: record.subDomain ?? "", fieldType: record.fieldType,
                                              target: record.target, ttl: record.ttl ?? 0)
            }
            state.served = state.records
            zones[name] = state
        }
        if let window = config.timeWindowSeconds { timeWindowSeconds = window }
        if let prices = config.domainPrices { registry.prices = prices }
        registry.taken.formUnion((config.takenDomains ?? []).map { $0.lowercased() })
    }
}
