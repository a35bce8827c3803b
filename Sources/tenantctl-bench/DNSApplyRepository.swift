import Foundation

/// The repository of the DNS apply measure: a fleet of one juju-sim controller and one DNS
/// provider (RFC 2136 or Route 53) hosting one zone, and tenants whose domains add up to
/// `records` fixed-address records in that zone, `perTenant` each (a zone shared by many shops,
/// as the fleet's wildcard zone is). Their offer has no application: the only Juju change is
/// each tenant's model, so the apply measures DNS.
struct DNSApplyRepository {
    enum Provider: String, CaseIterable, Sendable {
        case rfc2136, route53

        var zone: String { self == .rfc2136 ? "bind-apply.test" : "r53-apply.test" }
        var name: String { self == .rfc2136 ? "bind" : "r53" }
        var label: String { self == .rfc2136 ? "bind9 (RFC 2136)" : "moto_server (Route 53)" }
    }

    static let perTenant = 100
    static let tsigKeyName = "tenantctl-bench"

    let path: String
    let provider: Provider
    let records: Int

    var tenants: Int { (records + Self.perTenant - 1) / Self.perTenant }

    func write(git: GitRunner) throws {
        let manager = FileManager.default
        for folder in ["tenants", "offers", "bundles"] { try manager.createDirectory(atPath: "\(path)/\(folder)", withIntermediateDirectories: true) }
        let providerLine: String
        switch provider {
        case .rfc2136:
            providerLine = "{name: bind, type: rfc2136, server: \"127.0.0.1:53\", tsigKeyName: \(Self.tsigKeyName), tsigAlgorithm: hmac-sha256, credentials: {tsigSecret: \"vault:dns/bind#tsig_secret\"}}"
        case .route53:
            providerLine = "{name: r53, type: route53, credentials: {accessKeyId: \"vault:dns/r53#access_key_id\", secretAccessKey: \"vault:dns/r53#secret_access_key\"}}"
        }
        let fleet = """
            apiVersion: tenantctl/v1
            kind: Fleet
            metadata: {name: dns-apply-bench}
            spec:
              controllers:
                - {name: bench-k8s, cloud: microk8s, kind: k8s}
              defaults:
                controller: bench-k8s
                environments: [production]
                policy: {sync: auto, prune: false}
              vault:
                address: https://vault.invalid:8200
                auth: {method: token}
              dns:
                ownerId: dns-apply-bench
                ttl: 300
                providers:
                  - \(providerLine)
                zones:
                  - {zone: \(provider.zone), provider: \(provider.name)}

            """
        try fleet.write(toFile: path + "/tenantctl.yaml", atomically: true, encoding: .utf8)
        // An offer needs a bundle, and a fleet whose manifests name Vault references a vault
        // section: the credentials are read from the secrets file all the same.
        let offer = "apiVersion: tenantctl/v1\nkind: Offer\nmetadata: {name: dns-only}\nspec:\n  bundle: dns-only\n  environments:\n    production: {}\n"
        try offer.write(toFile: path + "/offers/dns-only.yaml", atomically: true, encoding: .utf8)
        try "bundle: kubernetes\napplications: {}\n".write(toFile: path + "/bundles/dns-only.yaml", atomically: true, encoding: .utf8)
        for tenant in 0..<tenants {
            let name = Self.tenant(tenant)
            let first = tenant * Self.perTenant
            let domains = (first..<min(records, first + Self.perTenant)).map { index in
                "    - {host: \(String(format: "r%04d", index)).\(provider.zone), target: {address: \(Self.address(index))}}\n"
            }.joined()
            let manifest = "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata: {name: \(name)}\nspec:\n  offer: dns-only\n  domains:\n" + domains
            try manifest.write(toFile: "\(path)/tenants/\(name).yaml", atomically: true, encoding: .utf8)
        }
        try git.run(["init", "-q", path], label: "git-init-dns-apply")
        try git.run(["-C", path, "add", "-A"], label: "git-add-dns-apply")
        try git.run(["-C", path, "commit", "-q", "-m", "\(records) records in \(provider.zone)"], label: "git-commit-dns-apply")
    }

    static func tenant(_ index: Int) -> String { String(format: "dns-apply-%03d", index) }
    static func address(_ index: Int) -> String { "198.51.\(100 + index / 250).\(index % 250 + 1)" }

    /// The fewest ChangeResourceRecordSets requests that can write these records: each record is
    /// an UPSERT of its A set and one of its ownership TXT, and a request holds at most 1,000
    /// ResourceRecord elements and 32,000 characters of values, an UPSERT counting twice for both
    /// (AWS's quotas, as `Route53ChangeBatches` applies them).
    var route53MinimumChangeRequests: Int {
        var elements = 0, characters = 0
        for index in 0..<records {
            let ownership = "heritage=tenantctl,tenantctl/owner=dns-apply-bench,tenantctl/tenant=\(Self.tenant(index / Self.perTenant)),tenantctl/environment=production"
            elements += 2 * 2
            characters += 2 * Self.address(index).count + 2 * (ownership.count + 2)
        }
        return max((elements + 999) / 1000, (characters + 31_999) / 32_000)
    }
}
