import Foundation
import TenantCore
import XCTest

/// One broken repository and the exact errors `validate` must report for it.
struct BrokenCase {
    enum Edit {
        case set(String, String)
        case remove(String)
        case replace(String, String, String)
        case bytes(String, [UInt8])
        /// Cuts the file at the first occurrence of the marker.
        case truncate(String, before: String)
        /// A symbolic link the source found in a manifest place (links are never followed).
        case link(String)
    }

    let name: String
    let edits: [Edit]
    let expected: [String]

    init(_ name: String, _ edits: [Edit], expected: [String]) {
        self.name = name
        self.edits = edits
        self.expected = expected
    }

    func files() -> [ManifestFile] {
        var files = TestRepository.files.mapValues { Array($0.utf8) }
        for edit in edits {
            switch edit {
            case let .set(path, text):
                files[path] = Array(text.utf8)
            case let .remove(path):
                files[path] = nil
            case let .replace(path, old, new):
                let text = String(decoding: files[path]!, as: UTF8.self)
                precondition(text.contains(old), "\(name): '\(old)' not found in \(path)")
                files[path] = Array(text.replacingOccurrences(of: old, with: new).utf8)
            case let .bytes(path, bytes):
                files[path] = bytes
            case let .truncate(path, marker):
                let text = String(decoding: files[path]!, as: UTF8.self)
                files[path] = Array(text.components(separatedBy: marker)[0].utf8)
            case .link:
                continue
            }
        }
        return files.sorted { $0.key < $1.key }.map { ManifestFile(path: $0.key, bytes: $0.value) }
    }

    func links() -> [String] {
        edits.compactMap { if case let .link(path) = $0 { return path } else { return nil } }
    }
}

enum BrokenCases {
    /// The cases of the first milestones, then those of hostile and careless input (issue 6).
    static let all: [BrokenCase] = [
        BrokenCase("yaml syntax error: unclosed flow mapping", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  policy: {sync: auto\n")], expected: [
            "tenants/acme.yaml:8:1: YAML syntax error: did not find expected ',' or '}' (while parsing a flow mapping)",
        ]),
        BrokenCase("yaml duplicate key", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  offer: solo\n")], expected: [
            "tenants/acme.yaml:6:3: YAML syntax error: duplicate key 'offer' in the same mapping",
        ]),
        BrokenCase("empty tenant file", [.set("tenants/acme.yaml", "")], expected: [
            "tenants/acme.yaml:1:1: file is empty; expected a Tenant manifest",
        ]),
        BrokenCase("two documents in one tenant file", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n---\nfoo: bar\n")], expected: [
            "tenants/acme.yaml:8:1: a Tenant manifest holds one YAML document; found 2 (remove the extra '---' sections)",
        ]),
        BrokenCase("unsupported apiVersion", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v2\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n")], expected: [
            "tenants/acme.yaml:1:13: apiVersion: unsupported 'tenantctl/v2'; this tenantctl reads 'tenantctl/v1'",
        ]),
        BrokenCase("wrong kind for the folder", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Offer\nmetadata:\n  name: acme\nspec:\n  offer: pme\n")], expected: [
            "tenants/acme.yaml:2:7: kind: expected 'Tenant' for this file, got 'Offer'",
        ]),
        BrokenCase("missing metadata name", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  labels: {team: shop}\nspec:\n  offer: pme\n")], expected: [
            "tenants/acme.yaml:4:3: metadata.name: missing required field 'name' (a DNS label)",
        ]),
        BrokenCase("upper-case tenant name", [.set("tenants/ACME.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: ACME\nspec:\n  offer: pme\n")], expected: [
            "tenants/ACME.yaml:4:9: metadata.name: 'ACME' is not a valid name: it contains upper-case 'A'; use lower case letters, digits and '-'",
        ]),
        BrokenCase("name does not match file name", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme-shop\nspec:\n  offer: pme\n")], expected: [
            "tenants/acme.yaml:4:9: metadata.name: 'acme-shop' does not match the file name 'acme'; a manifest is named after its file",
        ]),
        BrokenCase("name longer than a DNS label", [.set("tenants/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nspec:\n  offer: pme\n")], expected: [
            "tenants/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.yaml:4:9: metadata.name: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' is not a valid name: it is 64 characters long; a DNS label has at most 63",
        ]),
        BrokenCase("unknown top-level key", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspce:\n  offer: pme\n")], expected: [
            "tenants/acme.yaml:1:1: spec: missing required field 'spec' (a mapping)",
            "tenants/acme.yaml:5:1: spce: unknown key 'spce' in a Tenant manifest (did you mean 'spec'?); expected one of: apiVersion, kind, metadata, spec",
        ]),
        BrokenCase("unknown key in spec", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  enviroments: {production: {}}\n")], expected: [
            "tenants/acme.yaml:7:3: spec.enviroments: unknown key 'enviroments' in Tenant spec (did you mean 'environments'?); expected one of: offer, controller, bundle, environments, domains, policy, vault",
        ]),
        BrokenCase("unknown key in environment", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  environments:\n    production:\n      aplications: {}\n")], expected: [
            "tenants/acme.yaml:9:7: spec.environments.production.aplications: unknown key 'aplications' in environment 'production' (did you mean 'applications'?); expected one of: model, bundle, ha, applications, machines",
        ]),
        BrokenCase("unknown key in application override", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  environments:\n    production:\n      applications:\n        magento: {unit: 3}\n")], expected: [
            "tenants/acme.yaml:10:19: spec.environments.production.applications.magento.unit: unknown key 'unit' in application 'magento' (did you mean 'units'?); expected one of: channel, revision, units, config, expose, constraints, base, trust",
        ]),
        BrokenCase("unknown key in domain", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  domains:\n    - hots: acme.bibind.com\n")], expected: [
            "tenants/acme.yaml:8:7: spec.domains[0].host: missing required field 'host' (a hostname)",
            "tenants/acme.yaml:8:7: spec.domains[0].hots: unknown key 'hots' in a domain (did you mean 'host'?); expected one of: host, environment, target, register, tls, tlsWildcard, zone, provider, ttl, adopt",
        ]),
        BrokenCase("unknown key in domain target", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  domains:\n    - host: www.acme.bibind.cloud\n      target: {app: traefik}\n")], expected: [
            "tenants/acme.yaml:9:15: spec.domains[0].target: expected exactly one of application, address or cname, got none",
            "tenants/acme.yaml:9:16: spec.domains[0].target.app: unknown key 'app' in a domain target; expected one of: application, address, cname",
        ]),
        BrokenCase("unknown key in policy", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  policy: {sync: auto, purne: true}\n")], expected: [
            "tenants/acme.yaml:7:24: spec.policy.purne: unknown key 'purne' in policy (did you mean 'prune'?); expected one of: sync, prune",
        ]),
        BrokenCase("unknown key in metadata", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\n  label: {a: b}\nspec:\n  offer: pme\n")], expected: [
            "tenants/acme.yaml:5:3: metadata.label: unknown key 'label' in metadata (did you mean 'labels'?); expected one of: name, labels, annotations",
        ]),
        BrokenCase("units is not an integer", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  environments:\n    production:\n      applications:\n        magento: {units: three}\n")], expected: [
            "tenants/acme.yaml:10:26: spec.environments.production.applications.magento.units: expected an integer, got a string ('three')",
        ]),
        BrokenCase("units is negative", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  environments:\n    production:\n      applications:\n        magento: {units: -1}\n")], expected: [
            "tenants/acme.yaml:10:26: spec.environments.production.applications.magento.units: expected a number of 0 or more, got -1",
        ]),
        BrokenCase("revision written as a quoted string", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  environments:\n    production:\n      applications:\n        magento: {revision: \"57\"}\n")], expected: [
            "tenants/acme.yaml:10:29: spec.environments.production.applications.magento.revision: expected an integer, got a string ('57')",
        ]),
        BrokenCase("expose is not a boolean", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  environments:\n    production:\n      applications:\n        traefik: {expose: public}\n")], expected: [
            "tenants/acme.yaml:10:27: spec.environments.production.applications.traefik.expose: expected a boolean (true or false), got a string ('public')",
        ]),
        BrokenCase("sync is not auto or manual", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  policy: {sync: automatic}\n")], expected: [
            "tenants/acme.yaml:7:18: spec.policy.sync: 'automatic' is not one of 'auto', 'manual'",
        ]),
        BrokenCase("environments written as a list", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  environments: [staging, production]\n")], expected: [
            "tenants/acme.yaml:7:17: spec.environments: expected a mapping, got a list",
        ]),
        BrokenCase("invalid charm channel", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  environments:\n    production:\n      applications:\n        magento: {channel: 2.4/stabel}\n")], expected: [
            "tenants/acme.yaml:10:28: spec.environments.production.applications.magento.channel: '2.4/stabel' is not a charm channel: it has no valid risk: 'stabel' is not stable, candidate, beta or edge (did you mean 'stable'?)",
        ]),
        BrokenCase("invalid machine base", [.remove("offers/grand-compte.yaml"), .remove("tenants/bigcorp.yaml"), .set("offers/gc.yaml", "apiVersion: tenantctl/v1\nkind: Offer\nmetadata:\n  name: gc\nspec:\n  bundle: magento-machines\n  controller: openstack\n  environments:\n    production:\n      machines:\n        - {count: 2, base: ubuntu-22.04}\n")], expected: [
            "offers/gc.yaml:11:28: spec.environments.production.machines[0].base: 'ubuntu-22.04' is not a base: it does not read <os>@<version>, like ubuntu@22.04",
        ]),
        BrokenCase("invalid constraints", [.remove("offers/grand-compte.yaml"), .remove("tenants/bigcorp.yaml"), .set("offers/gc.yaml", "apiVersion: tenantctl/v1\nkind: Offer\nmetadata:\n  name: gc\nspec:\n  bundle: magento-machines\n  controller: openstack\n  environments:\n    production:\n      machines:\n        - {count: 2, constraints: memory=8G}\n")], expected: [
            "offers/gc.yaml:11:35: spec.environments.production.machines[0].constraints: 'memory=8G' is not a Juju constraint list: it has unknown constraint 'memory'",
        ]),
        BrokenCase("machine count of zero", [.remove("offers/grand-compte.yaml"), .remove("tenants/bigcorp.yaml"), .set("offers/gc.yaml", "apiVersion: tenantctl/v1\nkind: Offer\nmetadata:\n  name: gc\nspec:\n  bundle: magento-machines\n  controller: openstack\n  environments:\n    production:\n      machines:\n        - {count: 0}\n")], expected: [
            "offers/gc.yaml:11:19: spec.environments.production.machines[0].count: expected a count of 1 or more, got 0",
        ]),
        BrokenCase("invalid hostname", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  domains:\n    - host: shop_acme.bibind.com\n")], expected: [
            "tenants/acme.yaml:8:13: spec.domains[0].host: 'shop_acme.bibind.com' is not a valid hostname: it has a label 'shop_acme' that contains '_'; only lower case letters, digits and '-' are allowed",
        ]),
        BrokenCase("hostname with one label", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  domains:\n    - host: localhost\n")], expected: [
            "tenants/acme.yaml:8:13: spec.domains[0].host: 'localhost' is not a valid hostname: it must have at least two labels (like shop.example.com)",
        ]),
        BrokenCase("tenant defined twice", [.set("tenants/acme/tenant.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n")], expected: [
            "tenants/acme.yaml:1:1: tenant 'acme' is defined twice: in tenants/acme.yaml and in tenants/acme/tenant.yaml; keep one",
            "tenants/acme/tenant.yaml:1:1: tenant 'acme' is defined twice: in tenants/acme.yaml and in tenants/acme/tenant.yaml; keep one",
        ]),
        BrokenCase("hostname claimed by two tenants", [.set("tenants/other.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: other\nspec:\n  offer: pme\n  domains:\n    - host: acme.bibind.com\n")], expected: [
            "tenants/acme.yaml:16:13: host 'acme.bibind.com' is claimed by both acme/production and other/production; a hostname belongs to one environment",
            "tenants/other.yaml:8:13: host 'acme.bibind.com' is claimed by both acme/production and other/production; a hostname belongs to one environment",
        ]),
        BrokenCase("model name used by two tenants", [.set("tenants/other.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: other\nspec:\n  offer: pme\n  environments:\n    production: {model: acme-production}\n")], expected: [
            "tenants/acme.yaml:9:5: model 'acme-production' on controller 'k8s' is used by both acme/production and other/production; model names must be unique",
            "tenants/other.yaml:8:25: model 'acme-production' on controller 'k8s' is used by both acme/production and other/production; model names must be unique",
        ]),
        BrokenCase("missing offer", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pmee\n")], expected: [
            "tenants/acme.yaml:6:10: spec.offer: no offer named 'pmee' under offers/ (did you mean 'pme'?)",
        ]),
        BrokenCase("offer names a missing bundle", [.set("offers/pme.yaml", "apiVersion: tenantctl/v1\nkind: Offer\nmetadata:\n  name: pme\nspec:\n  bundle: magento-k9s\n")], expected: [
            "offers/pme.yaml:6:11: spec.bundle: no bundle named 'magento-k9s' under bundles/ (did you mean 'magento-k8s'?)",
        ]),
        BrokenCase("tenant names a missing controller", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  controller: k9s\n")], expected: [
            "tenants/acme.yaml:7:15: spec.controller: no controller named 'k9s' in tenantctl.yaml (did you mean 'k8s'?)",
        ]),
        BrokenCase("custom domain outside every zone without zone and provider", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  domains:\n    - host: shop.acme.fr\n      target: {application: traefik}\n")], expected: [
            "tenants/acme.yaml:8:13: spec.domains[0].host: no zone in tenantctl.yaml contains 'shop.acme.fr'; for a custom domain set zone and provider (the zone to create and the DNS provider that hosts it)",
        ]),
        BrokenCase("custom domain names a missing provider", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  domains:\n    - host: shop.acme.fr\n      zone: acme.fr\n      provider: gandi\n      target: {application: traefik}\n")], expected: [
            "tenants/acme.yaml:10:17: spec.domains[0].provider: no DNS provider named 'gandi' in tenantctl.yaml",
        ]),
        BrokenCase("fleet zone names a missing provider", [.replace("tenantctl.yaml", "{zone: bibind.cloud, provider: lab}", "{zone: bibind.cloud, provider: labs}")], expected: [
            "tenantctl.yaml:41:40: spec.dns.zones: zone 'bibind.cloud' names provider 'labs', which is not in spec.dns.providers (did you mean 'lab'?)",
        ]),
        BrokenCase("vault reference without key", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  environments:\n    production:\n      applications:\n        magento:\n          config: {admin-password: \"vault:tenants/acme\"}\n")], expected: [
            "tenants/acme.yaml:11:36: spec.environments.production.applications.magento.config.admin-password: malformed Vault reference 'vault:tenants/acme': it has no '#<key>' part; write vault:<path>#<key>",
        ]),
        BrokenCase("vault reference with a bad path", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  environments:\n    production:\n      applications:\n        magento:\n          config: {admin-password: \"vault:tenants/my acme#pw\"}\n")], expected: [
            "tenants/acme.yaml:11:36: spec.environments.production.applications.magento.config.admin-password: malformed Vault reference 'vault:tenants/my acme#pw': it has path 'tenants/my acme', which contains ' '; use letters, digits, '-', '_', '.' and '/'",
        ]),
        BrokenCase("password in clear in a tenant", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  environments:\n    production:\n      applications:\n        magento:\n          config: {admin-password: hunter2}\n")], expected: [
            "tenants/acme.yaml:11:36: spec.environments.production.applications.magento.config.admin-password: 'admin-password' holds a secret and must be a Vault reference (vault:<path>#<key>), not a value in clear",
        ]),
        BrokenCase("api key in clear in a bundle", [.replace("bundles/magento-k8s.yaml", "base-url: https://example.com", "base-url: https://example.com\n      api-key: 0123456789abcdef")], expected: [
            "bundles/magento-k8s.yaml:12:16: applications.magento.options.api-key: 'api-key' holds a secret and must be a Vault reference (vault:<path>#<key>), not a value in clear",
        ]),
        BrokenCase("vault mount that climbs out of its path", [.replace("tenantctl.yaml", "    address: https://vault.bibind.internal:8200\n", "    address: https://vault.bibind.internal:8200\n    kvMount: secret/../sys\n")], expected: [
            "tenantctl.yaml:44:14: spec.vault.kvMount: 'secret/../sys' is not a KV mount path; use letters, digits, '-', '_', '.' and '/', without '..' or a '/' at either end",
        ]),
        BrokenCase("provider credential in clear", [.replace("tenantctl.yaml", "consumerKey: vault:dns/ovh#consumer_key", "consumerKey: c0nsum3r")], expected: [
            "tenantctl.yaml:26:24: spec.dns.providers[0].credentials.consumerKey: must be a Vault reference (vault:<path>#<key>); secrets are never written in clear",
        ]),
        BrokenCase("override names an application the bundle lacks", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  environments:\n    production:\n      applications:\n        magneto: {units: 2}\n")], expected: [
            "tenants/acme.yaml:10:9: spec.environments.production.applications.magneto: bundle 'magento-k8s' has no application 'magneto' (did you mean 'magento'?); it has: magento, mysql, traefik",
        ]),
        BrokenCase("offer override names an application the bundle lacks", [.set("offers/pme.yaml", "apiVersion: tenantctl/v1\nkind: Offer\nmetadata:\n  name: pme\nspec:\n  bundle: magento-k8s\n  environments:\n    production:\n      applications:\n        redis: {units: 1}\n")], expected: [
            "offers/pme.yaml:10:9: spec.environments.production.applications.redis: bundle 'magento-k8s' has no application 'redis'; it has: magento, mysql, traefik",
        ]),
        BrokenCase("mutualise tenant sets its own applications", [.set("tenants/petit.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: petit\nspec:\n  offer: mutualise\n  environments:\n    production:\n      applications:\n        magento: {units: 2}\n")], expected: [
            "tenants/petit.yaml:10:9: spec.environments.production.applications: offer 'mutualise' is shared: its tenants have no model of their own, so 'applications' cannot be set",
        ]),
        BrokenCase("mutualise tenant chooses a controller", [.set("tenants/petit.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: petit\nspec:\n  offer: mutualise\n  controller: openstack\n")], expected: [
            "tenants/petit.yaml:7:15: spec.controller: offer 'mutualise' is shared: its tenants live on the offer's controller, so a tenant cannot choose one",
        ]),
        BrokenCase("machines on a k8s controller", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  environments:\n    production:\n      machines:\n        - {count: 2}\n")], expected: [
            "tenants/acme.yaml:10:11: spec.environments.production.machines: controller 'k8s' is a k8s controller: its models have no machines",
        ]),
        BrokenCase("HA environment with a single unit", [.set("tenants/bigcorp.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: bigcorp\nspec:\n  offer: grand-compte\n  environments:\n    production:\n      applications:\n        mysql: {units: 1}\n")], expected: [
            "tenants/bigcorp.yaml:10:24: spec.environments.production.applications.mysql.units: environment 'production' is highly available (ha: true) but application 'mysql' has 1 unit(s); HA needs at least 2",
        ]),
        BrokenCase("register through an rfc2136 provider", [.set("tenants/bigcorp.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: bigcorp\nspec:\n  offer: grand-compte\n  environments:\n    production: {}\n  domains:\n    - host: www.bigcorp.fr\n      zone: bigcorp.fr\n      provider: lab\n      register: true\n      target: {address: 203.0.113.10}\n")], expected: [
            "tenants/bigcorp.yaml:10:7: spec.domains[0].register: provider 'lab' (rfc2136) cannot register domains; use an ovh or route53 provider",
        ]),
        BrokenCase("register a host the fleet already manages", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  domains:\n    - host: acme.bibind.com\n      register: true\n")], expected: [
            "tenants/acme.yaml:8:7: spec.domains[0].register: 'acme.bibind.com' is in zone 'bibind.com', which the fleet already manages; there is nothing to register",
        ]),
        BrokenCase("domain targets a missing application", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  domains:\n    - host: www.acme.bibind.cloud\n      target: {application: nginx}\n")], expected: [
            "tenants/acme.yaml:9:29: spec.domains[0].target.application: environment 'production' has no application 'nginx'; it has: magento, mysql, traefik",
        ]),
        BrokenCase("domain names a missing environment", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  domains:\n    - host: acme.bibind.com\n      environment: prod\n")], expected: [
            "tenants/acme.yaml:9:20: spec.domains[0].environment: the tenant has no environment 'prod'; it has: staging, production",
        ]),
        BrokenCase("address target is not an IP address", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  domains:\n    - host: www.acme.bibind.cloud\n      target: {address: 203.0.113.300}\n")], expected: [
            "tenants/acme.yaml:9:25: spec.domains[0].target.address: '203.0.113.300' is not an IPv4 or IPv6 address",
        ]),
        BrokenCase("CNAME at the apex of a zone", [.set("tenants/bigcorp.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: bigcorp\nspec:\n  offer: grand-compte\n  domains:\n    - host: bigcorp.fr\n      zone: bigcorp.fr\n      provider: aws\n      target: {cname: lb.bibind.com}\n")], expected: [
            "tenants/bigcorp.yaml:11:23: spec.domains[0].target.cname: 'bigcorp.fr' is the apex of its zone, which cannot be a CNAME; point it at an address or an application",
        ]),
        BrokenCase("target with two kinds", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  domains:\n    - host: www.acme.bibind.cloud\n      target: {application: traefik, address: 203.0.113.10}\n")], expected: [
            "tenants/acme.yaml:9:15: spec.domains[0].target: expected exactly one of application, address or cname, got application and address",
        ]),
        BrokenCase("host outside the zone it names", [.set("tenants/bigcorp.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: bigcorp\nspec:\n  offer: grand-compte\n  domains:\n    - host: www.bigcorp.com\n      zone: bigcorp.fr\n      provider: aws\n      target: {address: 203.0.113.10}\n")], expected: [
            "tenants/bigcorp.yaml:9:13: spec.domains[0].zone: 'www.bigcorp.com' is not inside zone 'bigcorp.fr'",
        ]),
        BrokenCase("host under a zone without wildcard needs a target", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  domains:\n    - host: acme.bibind.cloud\n")], expected: [
            "tenants/acme.yaml:8:7: spec.domains[0].target: 'acme.bibind.cloud' needs a target (application, address or cname): only one-label hosts under a wildcard zone are answered without a record of their own",
        ]),
        BrokenCase("missing tenantctl.yaml", [.remove("tenantctl.yaml")], expected: [
            "tenantctl.yaml:1:1: the repository has no tenantctl.yaml at its root; it is not a tenantctl desired-state repository",
        ]),
        BrokenCase("default controller unknown", [.replace("tenantctl.yaml", "    controller: k8s\n", "    controller: kubernetes\n")], expected: [
            "tenantctl.yaml:15:17: spec.defaults.controller: no controller named 'kubernetes' in spec.controllers",
        ]),
        BrokenCase("k8s bundle on an IaaS controller", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  controller: openstack\n")], expected: [
            "tenants/acme.yaml:7:15: spec.controller: bundle 'magento-k8s' is a k8s bundle ('bundle: kubernetes') but controller 'openstack' is an IaaS controller",
        ]),
        BrokenCase("relation with three endpoints", [.replace("bundles/magento-k8s.yaml", "  - [magento:ingress, traefik:ingress]", "  - [magento:ingress, traefik:ingress, mysql:database]")], expected: [
            "bundles/magento-k8s.yaml:22:5: relations[1]: a relation joins two endpoints, got 3",
        ]),
        BrokenCase("unknown key in a bundle application", [.replace("bundles/magento-k8s.yaml", "    scale: 1\n  traefik:", "    scale: 1\n    num_unit: 1\n  traefik:")], expected: [
            "bundles/magento-k8s.yaml:16:5: applications.mysql.num_unit: unknown key 'num_unit' in bundle application 'mysql' (did you mean 'num_units'?); expected one of: charm, channel, revision, num_units, scale, to, placement, options, expose, exposed-endpoints, constraints, base, series, trust, storage, devices, resources, bindings, annotations, offers, plan",
        ]),
        BrokenCase("file that is not UTF-8", [.bytes("tenants/acme.yaml", [0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x0a])], expected: [
            "tenants/acme.yaml:1:7: file is not valid UTF-8 text: byte 0xFF here starts no UTF-8 character (save the file as UTF-8)",
        ]),
        BrokenCase("duplicate controller", [.replace("tenantctl.yaml", "    - name: openstack\n", "    - name: k8s\n")], expected: [
            "offers/grand-compte.yaml:7:15: spec.controller: no controller named 'openstack' in tenantctl.yaml",
            "tenantctl.yaml:8:13: spec.controllers: duplicate controller 'k8s' (also defined at tenantctl.yaml:11:13)",
            "tenantctl.yaml:11:13: spec.controllers: duplicate controller 'k8s' (first defined at tenantctl.yaml:8:13)",
        ]),
        BrokenCase("wildcard domain without its zone", [.replace("tenantctl.yaml", "wildcardDomain: bibind.com", "wildcardDomain: bibind.net")], expected: [
            "tenantctl.yaml:6:19: spec.wildcardDomain: 'bibind.net' has no zone under spec.dns.zones; add it with the provider that hosts it",
        ]),
        BrokenCase("vault section missing", [.truncate("tenantctl.yaml", before: "  vault:\n")], expected: [
            "tenantctl.yaml:1:1: spec.vault: manifests use Vault references but tenantctl.yaml has no vault section (address and auth)",
        ]),
        BrokenCase("shared offer without shared models", [.set("offers/mutualise.yaml", "apiVersion: tenantctl/v1\nkind: Offer\nmetadata:\n  name: mutualise\nspec:\n  bundle: magento-k8s\n  tenancy: shared\n")], expected: [
            "offers/mutualise.yaml:6:3: spec.sharedModels: missing required field 'sharedModels' (the model of each environment, like {staging: mutualise-staging})",
        ]),
        BrokenCase("certificate settings that are not a URL, an address or a renewal time", [.replace("tenantctl.yaml", "  dns:\n    providers:", "  certificates:\n    directory: ftp://x\n    email: ops\n    renewBefore: 2\n  dns:\n    providers:")], expected: [
            "tenantctl.yaml:19:16: spec.certificates.directory: 'ftp://x' is not a URL; expected the ACME directory URL, https://…/directory",
            "tenantctl.yaml:20:12: spec.certificates.email: 'ops' is not an e-mail address",
            "tenantctl.yaml:21:18: spec.certificates.renewBefore: expected a fraction of the certificate's lifetime between 0 and 1 (0.33), or days ('30d'), got 2",
        ]),
        BrokenCase("ACME rate limits with a bad count, a bad window and an unknown limit", [.replace("tenantctl.yaml", "  dns:\n    providers:", "  certificates:\n    directory: https://acme.test/dir\n    email: ops@acme.test\n    rateLimits:\n      newOrders: {count: 0, window: 3h}\n      duplicateCertificates: {count: 5, window: 1w}\n      certificatesPerDomain: {count: 1, window: 1d}\n  dns:\n    providers:")], expected: [
            "tenantctl.yaml:22:26: spec.certificates.rateLimits.newOrders.count: expected a whole number from 1 to 1000000, got 0",
            "tenantctl.yaml:23:49: spec.certificates.rateLimits.duplicateCertificates.window: expected a duration such as 7d, 3h, 30m or 20s (up to 366d), got '1w'",
            "tenantctl.yaml:24:7: spec.certificates.rateLimits.certificatesPerDomain: unknown key 'certificatesPerDomain' in rateLimits; expected one of: certificatesPerRegisteredDomain, duplicateCertificates, newOrders",
        ]),
        BrokenCase("DNS TTL and owner id out of bounds", [.replace("tenantctl.yaml", "  dns:\n    providers:", "  dns:\n    ttl: 5\n    ownerId: \"bibind,tenantctl/owner=x\"\n    providers:")], expected: [
            "tenantctl.yaml:19:10: spec.dns.ttl: expected a TTL of 30 to 86400 seconds, got 5",
            "tenantctl.yaml:20:14: spec.dns.ownerId: 'bibind,tenantctl/owner=x' is not a DNS owner id: it holds ','; use letters, digits, '-', '_' and '.'",
        ]),
        BrokenCase("a domain's TTL out of bounds, adopt misspelt", [.replace("tenants/acme.yaml", "    - host: acme.bibind.com\n", "    - host: acme.bibind.com\n      ttl: 100000\n      adpot: true\n")], expected: [
            "tenants/acme.yaml:17:12: spec.domains[0].ttl: expected a TTL of 30 to 86400 seconds, got 100000",
            "tenants/acme.yaml:18:7: spec.domains[0].adpot: unknown key 'adpot' in a domain (did you mean 'adopt'?); expected one of: host, environment, target, register, tls, tlsWildcard, zone, provider, ttl, adopt",
        ]),
        BrokenCase("unknown OVH endpoint", [.replace("tenantctl.yaml", "endpoint: ovh-eu", "endpoint: ovh-europe")], expected: [
            "tenantctl.yaml:22:19: spec.dns.providers[0].endpoint: 'ovh-europe' is not an OVH API endpoint; expected one of: ovh-eu, ovh-ca, ovh-us, kimsufi-eu, kimsufi-ca, soyoustart-eu, soyoustart-ca, or an http(s) URL",
        ]),
        BrokenCase("a provider's name servers not host or host:port", [.replace("tenantctl.yaml", "        tsigKeyName: tenantctl\n", "        tsigKeyName: tenantctl\n        nameservers: [ns1.bibind.cloud, \"ns2 bibind:53\", \"ns3.bibind.cloud:99999\"]\n")], expected: [
            "tenantctl.yaml:37:41: spec.dns.providers[2].nameservers: 'ns2 bibind:53' is not a name server address; expected host or host:port",
            "tenantctl.yaml:37:58: spec.dns.providers[2].nameservers: 'ns3.bibind.cloud:99999' is not a name server address; expected host or host:port",
        ]),
        BrokenCase("unknown key in a provider's credentials", [.replace("tenantctl.yaml", "      tsigSecret: vault:dns/lab#tsig", "      tsigSecret: vault:dns/lab#tsig\n          tsigKey: vault:dns/lab#key")], expected: [
            "tenantctl.yaml:39:11: spec.dns.providers[2].credentials.tsigKey: unknown key 'tsigKey' in rfc2136 credentials; expected one of: tsigSecret",
        ]),
        BrokenCase("route53 without its secret key (a session token alone is not enough)",
                   [.replace("tenantctl.yaml", "          secretAccessKey: vault:dns/aws#secret_access_key", "          sessionToken: vault:dns/aws#session_token")], expected: [
            "tenantctl.yaml:31:11: spec.dns.providers[1].credentials.secretAccessKey: missing required field 'secretAccessKey' (a Vault reference)",
        ]),
        BrokenCase("route53 region, hosted zone id and a misspelt setting", [.replace("tenantctl.yaml", "        region: eu-west-3\n", "        region: Paris\n        hostedZoneId: abc\n        zoneId: Z123\n")], expected: [
            "tenantctl.yaml:29:17: spec.dns.providers[1].region: 'Paris' is not an AWS region; expected a name such as us-east-1",
            "tenantctl.yaml:30:23: spec.dns.providers[1].hostedZoneId: 'abc' is not a Route 53 hosted zone id; expected Z followed by letters and digits (or /hostedzone/Z…)",
            "tenantctl.yaml:31:9: spec.dns.providers[1].zoneId: unknown key 'zoneId' in a route53 DNS provider; expected one of: name, type, region, endpoint, hostedZoneId, domainsEndpoint, nameservers, credentials",
        ]),
        BrokenCase("ovh without its consumer key, with a route53 setting", [.replace("tenantctl.yaml", "          consumerKey: vault:dns/ovh#consumer_key\n", ""),
                                                                                .replace("tenantctl.yaml", "endpoint: ovh-eu\n", "endpoint: ovh-eu\n        region: eu-west-3\n")], expected: [
            "tenantctl.yaml:23:9: spec.dns.providers[0].region: unknown key 'region' in an ovh DNS provider; expected one of: name, type, endpoint, nameservers, credentials",
            "tenantctl.yaml:25:11: spec.dns.providers[0].credentials.consumerKey: missing required field 'consumerKey' (a Vault reference)",
        ]),
        BrokenCase("unknown key in a fleet controller", [.replace("tenantctl.yaml", "      cloud: microk8s\n", "      cloud: microk8s\n      regoin: home\n")], expected: [
            "tenantctl.yaml:10:7: spec.controllers[0].regoin: unknown key 'regoin' in a controller (did you mean 'region'?); expected one of: name, cloud, region, credential, kind",
        ]),
        BrokenCase("unknown key in an offer environment", [.set("offers/pme.yaml", "apiVersion: tenantctl/v1\nkind: Offer\nmetadata:\n  name: pme\nspec:\n  bundle: magento-k8s\n  environments:\n    production:\n      replicas: 2\n")], expected: [
            "offers/pme.yaml:9:7: spec.environments.production.replicas: unknown key 'replicas' in environment 'production'; expected one of: ha, applications, machines",
        ]),
        BrokenCase("invalid environment name", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  environments:\n    Production: {}\n")], expected: [
            "tenants/acme.yaml:8:5: spec.environments.Production: 'Production' is not a valid environment name: it contains upper-case 'P'; use lower case letters, digits and '-'",
        ]),
        BrokenCase("missing required offer", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  environments:\n    production: {}\n")], expected: [
            "tenants/acme.yaml:6:3: spec.offer: missing required field 'offer' (the name of a file under offers/)",
        ]),
        BrokenCase("more placements than units", [.set("tenants/bigcorp.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: bigcorp\nspec:\n  offer: grand-compte\n  controller: openstack\n  bundle: magento-machines\n  environments:\n    staging:\n      applications:\n        magento: {units: 0}\n")], expected: [
            "tenants/bigcorp.yaml:12:26: spec.environments.staging.applications.magento.units: application 'magento' has 0 unit(s) but its bundle places 1 (to: 0); Juju refuses more placements than units",
        ]),
        BrokenCase("relation names an application the bundle lacks", [.replace("bundles/magento-k8s.yaml", "  - [magento:ingress, traefik:ingress]", "  - [magento:ingress, nginx:ingress]")], expected: [
            "bundles/magento-k8s.yaml:22:23: relations: 'nginx:ingress' names 'nginx', which is neither an application nor a saas entry of this bundle",
        ]),
        BrokenCase("invalid constraints in an application override", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  environments:\n    production:\n      applications:\n        magento: {constraints: cores=lots}\n")], expected: [
            "tenants/acme.yaml:10:32: spec.environments.production.applications.magento.constraints: 'cores=lots' is not a Juju constraint list: it has 'lots', which is not a whole number for cores",
        ]),
        BrokenCase("domain index counts invalid entries", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  domains:\n    - host: bad_host.bibind.com\n    - host: www.acme.bibind.cloud\n")], expected: [
            "tenants/acme.yaml:8:13: spec.domains[0].host: 'bad_host.bibind.com' is not a valid hostname: it has a label 'bad_host' that contains '_'; only lower case letters, digits and '-' are allowed",
            "tenants/acme.yaml:9:7: spec.domains[1].target: 'www.acme.bibind.cloud' needs a target (application, address or cname): only one-label hosts under a wildcard zone are answered without a record of their own",
        ]),
        BrokenCase("encryption key in clear", [.set("tenants/acme.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\nspec:\n  offer: pme\n  environments:\n    production:\n      applications:\n        magento:\n          config: {crypt-key: 6f1d0c}\n")], expected: [
            "tenants/acme.yaml:11:31: spec.environments.production.applications.magento.config.crypt-key: 'crypt-key' holds a secret and must be a Vault reference (vault:<path>#<key>), not a value in clear",
        ]),
        BrokenCase("bundle revision without a channel", [.replace("bundles/magento-k8s.yaml", "    channel: 8.0/stable\n    scale: 1\n  traefik:", "    revision: 12\n    scale: 1\n  traefik:")], expected: [
            "bundles/magento-k8s.yaml:14:15: applications.mysql.revision: revision 12 needs a channel: Juju refuses a bundle that pins a revision without one (set 'channel', e.g. latest/stable, for future upgrades)",
        ]),
        BrokenCase("override pins a revision on an application without a channel", [
            .replace("bundles/magento-k8s.yaml", "    channel: latest/stable\n", ""),
            .replace("tenants/acme.yaml", "        magento:\n          revision: 57\n", "        traefik: {revision: 9}\n        magento:\n          revision: 57\n"),
        ], expected: [
            "tenants/acme.yaml:11:29: spec.environments.production.applications.traefik.revision: revision 9 needs a channel: Juju refuses to deploy a pinned revision without one (set 'channel' beside it, e.g. latest/stable)",
        ]),
        BrokenCase("a tenant's own Vault while the fleet reserves no path for tenants' tokens",
                   [.replace("tenants/acme.yaml", "spec:\n", "spec:\n  vault: {address: https://vault.acme.fr:8200, token: \"vault:tenant-tokens/acme/vault#token\"}\n")], expected: [
            "tenants/acme.yaml:6:55: spec.vault.token: tenantctl.yaml reserves no path for tenants' Vault tokens (spec.vault.tenantTokens), so no tenant may name its own Vault",
        ]),
        BrokenCase("a tenant's own Vault with a token outside its part of the platform's Vault, a CA file and a login",
                   [.replace("tenantctl.yaml", "      secretIdFile: /etc/tenantctl/vault-secret-id\n", "      secretIdFile: /etc/tenantctl/vault-secret-id\n    tenantTokens: tenant-tokens\n"),
                    .replace("tenants/acme.yaml", "spec:\n", "spec:\n  vault:\n    address: https://vault.acme.fr:8200\n    caFile: ca.pem\n    auth: {method: token}\n    token: vault:dns/ovh#application_key\n")], expected: [
            "tenants/acme.yaml:8:13: spec.vault.caFile: a tenant manifest cannot name a CA file: a path from git would let a tenant probe the host's files or trust a CA of its choosing; the tenant's Vault must present a certificate the host's CAs trust (ask the platform team to add a private CA to the host)",
            "tenants/acme.yaml:9:11: spec.vault.auth: a tenant's Vault is reached with the token 'token' names in the platform's Vault; there is no other login",
            "tenants/acme.yaml:10:12: spec.vault.token: 'vault:dns/ovh#application_key' is not under vault:tenant-tokens/acme/: a tenant's token must be read from the part of the platform's Vault reserved for it (tenantctl.yaml, spec.vault.tenantTokens)",
        ]),
    ] + hostile
}
