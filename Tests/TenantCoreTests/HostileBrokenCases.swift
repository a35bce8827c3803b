import TenantCore

/// Broken repositories from hostile and careless input (issue 6, items 18 to 24): bounded reading,
/// secrets of any type, files that would vanish, absurd numbers, what Juju or Kubernetes refuse,
/// forged diagnostics, locations and wording.
extension BrokenCases {
    static let hostile: [BrokenCase] = [
        // Item 18: bounded reading. Each input is small enough that the test is fast whatever happens.
        BrokenCase("alias bomb used as a mapping key", [.set("tenants/acme.yaml", BrokenInputs.aliasBombAsKey)], expected: [
            "tenants/acme.yaml:7:8: this YAML expands to more than 1048576 nodes once its aliases (*name) are replaced by what they point at; it is refused unread (an alias bomb?)",
        ]),
        BrokenCase("list used as a mapping key", [.replace("tenants/acme.yaml", "  offer: pme\n", "  offer: pme\n  ? [a, b]\n  : c\n")], expected: [
            "tenants/acme.yaml:7:5: a mapping key must be a plain value, not a mapping or a list; manifests never need complex keys",
        ]),
        BrokenCase("lists nested deeper than the depth budget", [.replace("tenants/acme.yaml", "  offer: pme\n", "  offer: pme\n  x: " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "\n")], expected: [
            "tenants/acme.yaml:7:104: mappings and lists are nested more than 100 levels deep; manifests need far fewer",
        ]),
        BrokenCase("file over the size limit", [.set("tenants/acme.yaml", TestRepository.acme + String(repeating: "#", count: ManifestLimits.defaultMaxFileSize))], expected: [
            "tenants/acme.yaml:1:1: file is \(TestRepository.acme.utf8.count + ManifestLimits.defaultMaxFileSize) bytes, over the limit of 1 MiB for one manifest; it is not read (split it, or raise the limit with --max-file-size or TENANTCTL_MAX_FILE_SIZE)",
        ]),
        BrokenCase("huge value is cut in the message", [.replace("tenants/acme.yaml", "- host: acme.bibind.com", "- host: " + String(repeating: "a", count: 20_000) + ".bibind.com")], expected: [
            "tenants/acme.yaml:16:13: spec.domains[0].host: '" + String(repeating: "a", count: 80) + "…' is not a valid hostname: it is longer than 253 characters",
        ]),
        BrokenCase("many errors in one file are capped", [.replace("tenants/acme.yaml", "  offer: pme\n", "  offer: pme\n" + (0..<60).map { "  typo\($0): x\n" }.joined())], expected:
            (0..<50).map { "tenants/acme.yaml:\(7 + $0):3: spec.typo\($0): unknown key 'typo\($0)' in Tenant spec; expected one of: offer, controller, bundle, environments, domains, policy, vault" }
            + ["tenants/acme.yaml:57:3: … and 10 more problems in this file, not shown (fix the ones above first)"]),
        // Item 19: secrets in clear whatever their YAML type.
        BrokenCase("password in clear written as an integer", [.replace("tenants/acme.yaml", "admin-password: vault:tenants/acme#admin_password", "admin-password: 12345678")], expected: [
            "tenants/acme.yaml:14:29: spec.environments.production.applications.magento.config.admin-password: 'admin-password' holds a secret and must be a Vault reference (vault:<path>#<key>), not a value in clear",
        ]),
        BrokenCase("secret in clear written as a number or a boolean in a bundle", [.replace("bundles/magento-k8s.yaml", "base-url: https://example.com", "base-url: https://example.com\n      db-password: 1234.5\n      api-token: true")], expected: [
            "bundles/magento-k8s.yaml:12:20: applications.magento.options.db-password: 'db-password' holds a secret and must be a Vault reference (vault:<path>#<key>), not a value in clear",
            "bundles/magento-k8s.yaml:13:18: applications.magento.options.api-token: 'api-token' holds a secret and must be a Vault reference (vault:<path>#<key>), not a value in clear",
        ]),
        // Item 21: numbers have upper bounds (Bounds).
        BrokenCase("units of 2^63-1 in an override", [.replace("tenants/acme.yaml", "          revision: 57\n", "          revision: 57\n          units: 9223372036854775807\n")], expected: [
            "tenants/acme.yaml:13:18: spec.environments.production.applications.magento.units: expected a number of units of at most 1000, got 9223372036854775807",
        ]),
        BrokenCase("machine count over the bound", [.replace("offers/grand-compte.yaml", "- {count: 3,", "- {count: 1001,")], expected: [
            "offers/grand-compte.yaml:16:19: spec.environments.production.machines[0].count: expected a count of at most 1000, got 1001",
        ]),
        BrokenCase("revision over the bound in a bundle", [.replace("bundles/magento-k8s.yaml", "    revision: 50\n", "    revision: 1000001\n")], expected: [
            "bundles/magento-k8s.yaml:6:15: applications.magento.revision: expected a revision of at most 1000000, got 1000001",
        ]),
        BrokenCase("scale over the bound in a bundle", [.replace("bundles/magento-k8s.yaml", "    scale: 1\n    trust: true", "    scale: 5000\n    trust: true")], expected: [
            "bundles/magento-k8s.yaml:7:12: applications.magento.scale: expected a number of units of at most 1000, got 5000",
        ]),
        // Item 23: file names and values are printed escaped, on one line.
        BrokenCase("file name with a newline cannot forge a diagnostic line", [.set("tenants/bad.yaml\ntenantctl.yaml:1:1: forged.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: bad\nspec:\n  offer: pme\n")], expected: [
            "tenants/bad.yaml\\ntenantctl.yaml:1:1: forged.yaml:4:9: metadata.name: 'bad' does not match the file name 'bad.yaml\\ntenantctl.yaml:1:1: forged'; a manifest is named after its file",
        ]),
        BrokenCase("value with control characters is escaped in the message", [.replace("tenants/acme.yaml", "  offer: pme\n", "  offer: pme\n  controller: \"k8s\\ntenants/acme.yaml:1:1: forged\\u202E\"\n")], expected: [
            "tenants/acme.yaml:7:15: spec.controller: no controller named 'k8s\\ntenants/acme.yaml:1:1: forged\\u{202E}' in tenantctl.yaml",
        ]),
        // Item 22: what Juju or Kubernetes would refuse at deploy.
        BrokenCase("placement to a machine the bundle does not define", [.replace("bundles/magento-machines.yaml", "to: [\"0\"]", "to: [\"lxd:1\"]")], expected: [
            "bundles/magento-machines.yaml:9:10: applications.magento.to: placement 'lxd:1' refers to machine '1', which the bundle does not define under machines (it defines: 0)",
        ]),
        BrokenCase("placement beside an application the bundle does not define", [.replace("bundles/magento-machines.yaml", "to: [\"0\"]", "to: [\"mysq/0\"]")], expected: [
            "bundles/magento-machines.yaml:9:10: applications.magento.to: placement 'mysq/0' refers to application 'mysq', which the bundle does not define (did you mean 'mysql'?)",
        ]),
        BrokenCase("model name Juju reserves", [.replace("tenants/acme.yaml", "    staging: {}\n", "    staging: {model: controller}\n")], expected: [
            "tenants/acme.yaml:8:22: spec.environments.staging.model: model name 'controller' is reserved: Juju names its own models 'controller' and 'default' on every controller; choose another",
        ]),
        BrokenCase("shared model named after Juju's default model", [.replace("offers/mutualise.yaml", "staging: mutualise-staging", "staging: default")], expected: [
            "offers/mutualise.yaml:9:14: spec.sharedModels.staging: model name 'default' is reserved: Juju names its own models 'controller' and 'default' on every controller; choose another",
        ]),
        BrokenCase("model name Kubernetes reserves", [.replace("tenants/acme.yaml", "    staging: {}\n", "    staging: {model: kube-system}\n")], expected: [
            "tenants/acme.yaml:8:22: spec.environments.staging.model: model name 'kube-system' is a namespace Kubernetes reserves (default and kube-*); choose another",
        ]),
        BrokenCase("derived model name too long for a Kubernetes namespace", [.set("tenants/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.yaml", "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nspec:\n  offer: pme\n  environments:\n    production-europe-west-1: {}\n")], expected: [
            "tenants/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.yaml:8:5: spec.environments.production-europe-west-1: model name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-production-europe-west-1' (made of <tenant>-<environment>) is 65 characters long; a DNS label has at most 63; Juju makes a Kubernetes namespace of it: set a shorter 'model' for this environment",
        ]),
        BrokenCase("tenant claims the platform's own domain", [.replace("tenants/acme.yaml", "- host: acme.bibind.com", "- host: bibind.com")], expected: [
            "tenants/acme.yaml:16:13: spec.domains[0].host: 'bibind.com' is the platform's own domain (the apex of wildcard zone 'bibind.com' in tenantctl.yaml); a tenant can use a host below it, not the domain itself",
        ]),
        // Item 24: locations and wording.
        BrokenCase("manifest that is not a mapping names its top level", [.set("tenants/acme.yaml", "just a sentence\n")], expected: [
            "tenants/acme.yaml:1:1: the file's top level: expected a mapping, got a string ('just a sentence')",
        ]),
        BrokenCase("integer too large for any integer", [.replace("tenants/acme.yaml", "          revision: 57\n", "          revision: 99999999999999999999\n")], expected: [
            "tenants/acme.yaml:12:21: spec.environments.production.applications.magento.revision: '99999999999999999999' is out of range: integers go from -9223372036854775808 to 9223372036854775807",
        ]),
        BrokenCase("tab in indentation is called a tab", [.replace("tenants/acme.yaml", "  offer: pme\n", "\toffer: pme\n")], expected: [
            "tenants/acme.yaml:6:1: YAML syntax error: a tab in indentation: YAML indents with spaces only (replace the tab with spaces)",
        ]),
        BrokenCase("byte that is not UTF-8 is located on its line", [.bytes("tenants/acme.yaml", Array("apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: acme\n  labels: {city: Besan".utf8) + [0xE7] + Array("on}\nspec:\n  offer: pme\n".utf8))], expected: [
            "tenants/acme.yaml:5:23: file is not valid UTF-8 text: byte 0xE7 here starts no UTF-8 character (save the file as UTF-8)",
        ]),
        BrokenCase("HA rule broken by the offer is reported on the offer", [.replace("offers/grand-compte.yaml", "mysql: {units: 3}", "mysql: {units: 1}")], expected: [
            "offers/grand-compte.yaml:13:24: spec.environments.production.applications.mysql.units: environment 'production' is highly available (ha: true) but application 'mysql' has 1 unit(s); HA needs at least 2",
        ]),
        BrokenCase("offer machines on a tenant's k8s controller are reported at both ends", [.set("offers/pme.yaml", TestRepository.pme + "      machines:\n        - {count: 2}\n")], expected: [
            "offers/pme.yaml:15:11: spec.environments.production.machines: tenant 'acme' runs environment 'production' on k8s controller 'k8s', whose models have no machines",
            "tenants/acme.yaml:6:10: spec.offer: offer 'pme' adds machines to environment 'production', but controller 'k8s' is a k8s controller (defined at offers/pme.yaml:15:11)",
        ]),
        BrokenCase("offer defined twice is reported in both files", [.set("offers/pme.yml", TestRepository.pme)], expected: [
            "offers/pme.yaml:1:1: offer 'pme' is also defined in offers/pme.yml; keep one file per offer",
            "offers/pme.yml:1:1: offer 'pme' is also defined in offers/pme.yaml; keep one file per offer",
        ]),
        // Item 20: manifests that would vanish silently.
        BrokenCase("tenant files with upper-case extensions", [.set("tenants/shop.YAML", BrokenInputs.tenant("shop")), .set("tenants/mall.Yml", BrokenInputs.tenant("mall"))], expected: [
            "tenants/mall.Yml:1:1: this file is not read: tenantctl reads only lower-case .yaml and .yml files; rename it tenants/mall.yml",
            "tenants/shop.YAML:1:1: this file is not read: tenantctl reads only lower-case .yaml and .yml files; rename it tenants/shop.yaml",
        ]),
        BrokenCase("ignored file whose name holds a tab is escaped once", [.set("tenants/a\tb.YAML", BrokenInputs.tenant("ab"))], expected: [
            "tenants/a\\tb.YAML:1:1: this file is not read: tenantctl reads only lower-case .yaml and .yml files; rename it tenants/a\\tb.yaml",
        ]),
        BrokenCase("misspelt manifest folder", [.set("tenant/shop.yaml", BrokenInputs.tenant("shop")), .set("tenant/mall.yaml", BrokenInputs.tenant("mall"))], expected: [
            "tenant/mall.yaml:1:1: folder 'tenant/' is not read (did you mean 'tenants/'?): 2 YAML files in it are ignored",
        ]),
        BrokenCase("misnamed file in a tenant's folder", [.set("tenants/shop/tennant.yaml", BrokenInputs.tenant("shop"))], expected: [
            "tenants/shop/tennant.yaml:1:1: tenants/shop/ has no tenant.yaml, so 1 YAML file in it is not read and no tenant 'shop' is defined (did you mean tenant.yaml?)",
        ]),
        BrokenCase("bundle folder without its bundle.yaml", [.set("bundles/shop/bundel.yaml", TestRepository.k8sBundle)], expected: [
            "bundles/shop/bundel.yaml:1:1: bundles/shop/ has no bundle.yaml, so 1 YAML file in it is not read and no bundle 'shop' is defined (did you mean bundle.yaml?)",
        ]),
        BrokenCase("symlinked manifest folder", [.link("offers")], expected: [
            "offers:1:1: this is a symbolic link, so it is not read: git stores only the path it points to; commit the manifests themselves here",
        ]),
    ]
}

/// Hostile inputs for the broken cases, built in code so that the table stays readable.
enum BrokenInputs {
    /// A valid tenant file on offer pme.
    static func tenant(_ name: String) -> String {
        "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata:\n  name: \(name)\nspec:\n  offer: pme\n"
    }

    /// Seven levels of nine aliases (9^7, 4.8 million nodes once expanded) in a 300-byte file, the
    /// last one used as a mapping key: Yams hashes a key's whole expansion to find duplicates.
    /// Seven levels, not more, so that even without the budget the test ends within seconds.
    static var aliasBombAsKey: String {
        let names = ["a", "b", "c", "d", "e", "f", "g"]
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
        }
        lines.append("? *g")
        lines.append(": boom")
        return lines.joined(separator: "\n") + "\n"
    }
}
