import Foundation
import TenantCore

/// The DNS zones a generated repository's domains name, served as `make demo` serves the example
/// fleet's: OVH zones by ovh-sim, Route 53 hosted zones by a real moto_server, RFC 2136 zones by
/// bind9's named; the credentials the fleet's Vault references name hold the keys these servers
/// accept. Without them every environment with a domain would be "not planned" (its zone
/// unreachable), and the live runs would measure tenantctl giving up.
struct DNSStandIns {
    /// `TENANTCTL_DNS_ENDPOINTS`: each provider of the fleet pointed at its stand-in.
    let environment: [String: String]
    /// `path#key` → value, for the secrets file or vault-sim.
    let secrets: [String: String]
    /// Zones served, by provider type.
    let zones: [DNSProvider.Kind: Int]
    let ovhSim: OVHSimProcess?
    private let pids: [pid_t]

    /// The zones the plan reads (those the domains name), by provider name.
    static func zones(of desired: DesiredState) -> [String: Set<String>] {
        var zones: [String: Set<String>] = [:]
        for environment in desired.environments {
            for domain in environment.domains { zones[domain.provider, default: []].insert(domain.zone.lowercased()) }
        }
        return zones
    }

    static func start(desired: DesiredState, ovhSimBinary: String, directory: String, process: ChildProcess) throws -> DNSStandIns {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let wanted = zones(of: desired)
        var secrets: [String: String] = [:]
        var endpoints: [String] = []
        var pids: [pid_t] = []
        var counts: [DNSProvider.Kind: Int] = [:]
        var ovh: OVHSimProcess?
        func credential(_ provider: DesiredDNSProvider, _ key: String, _ value: String) {
            guard let reference = provider.credentials[key], reference.hasPrefix("vault:") else { return }
            secrets[String(reference.dropFirst("vault:".count))] = value
        }
        do {
            for (name, provider) in desired.dns.providers.sorted(by: { $0.key < $1.key }) {
                let names = (wanted[name] ?? []).sorted()
                guard !names.isEmpty else { continue }
                counts[provider.kind, default: 0] += names.count
                switch provider.kind {
                case .ovh:
                    let keys = OVHSimProcess.Keys(application: "bench-ovh-ak-\(name)", secret: "bench-ovh-as-\(name)", consumer: "bench-ovh-ck-\(name)")
                    let wildcards = Set(desired.dns.zones.filter { $0.provider == name && $0.wildcard }.map { $0.zone.lowercased() })
                    let seeded = names.map { zone in
                        OVHSimProcess.Zone(name: zone, records: wildcards.contains(zone) ? [("*", "A", "203.0.113.80")] : [])
                    }
                    let started = try OVHSimProcess.start(executable: ovhSimBinary, keys: keys, zones: seeded,
                                                          directory: directory + "/ovh-sim-\(name)")
                    pids.append(started.pid)
                    ovh = ovh ?? started
                    credential(provider, "applicationKey", keys.application)
                    credential(provider, "applicationSecret", keys.secret)
                    credential(provider, "consumerKey", keys.consumer)
                    endpoints.append("\(name)=\(started.apiURL)")
                case .route53:
                    let (pid, endpoint) = try MotoStandIn.start(zones: names, directory: directory + "/moto-\(name)", process: process)
                    pids.append(pid)
                    credential(provider, "accessKeyId", MotoStandIn.accessKeyID)
                    credential(provider, "secretAccessKey", MotoStandIn.secretAccessKey)
                    endpoints.append("\(name)=\(endpoint)")
                case .rfc2136:
                    let keyName = provider.settings["tsigKeyName"] ?? "tenantctl"
                    var bytes = [UInt8](repeating: 0, count: 32)
                    for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
                    let secret = Data(bytes).base64EncodedString()
                    let (pid, server) = try NamedStandIn.start(zones: names, keyName: keyName, secret: secret, directory: directory + "/named-\(name)")
                    pids.append(pid)
                    credential(provider, "tsigSecret", secret)
                    endpoints.append("\(name)=\(server)")
                }
            }
        } catch {
            for pid in pids { kill(pid, SIGKILL) }
            throw error
        }
        return DNSStandIns(environment: endpoints.isEmpty ? [:] : ["TENANTCTL_DNS_ENDPOINTS": endpoints.joined(separator: ",")],
                           secrets: secrets, zones: counts, ovhSim: ovh, pids: pids)
    }

    /// What a progress line says: `1,234 OVH zones in ovh-sim, …`.
    var summary: String {
        [(DNSProvider.Kind.ovh, "in ovh-sim"), (.route53, "Route 53 hosted zones in moto_server"), (.rfc2136, "in named")].compactMap { kind, place in
            guard let count = zones[kind] else { return nil }
            return kind == .route53 ? "\(Formatting.count(count)) \(place)" : "\(Formatting.count(count)) \(kind.rawValue) zones \(place)"
        }.joined(separator: ", ")
    }

    func stop() {
        for pid in pids {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
    }
}
