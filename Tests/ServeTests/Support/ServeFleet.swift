import Foundation
import GitTestSupport

/// Two tenants on the juju-sim controllers: acme (sync: auto, on k8s) and corp (on a machine
/// cloud), committed to a git repository. The shop's admin password is a Vault reference whose
/// value (the canary) must never be seen outside juju.
enum ServeFleet {
    static let canary = "canary-7f3e9d-never-in-logs"

    static let fleet = """
    apiVersion: tenantctl/v1
    kind: Fleet
    metadata: {name: serve-test}
    spec:
      controllers:
        - {name: k8s, cloud: microk8s, kind: k8s}
        - {name: cloud, cloud: openstack, region: RegionOne, credential: tenants, kind: iaas}
      defaults:
        controller: k8s
        environments: [production]
        policy: {sync: auto, prune: true}
      vault:
        address: https://vault.invalid:8200
        auth: {method: token}

    """

    static let files: [String: String] = [
        "tenantctl.yaml": fleet,
        "bundles/shop.yaml": """
        bundle: kubernetes
        applications:
          shop: {charm: bibind-magento-k8s, channel: 2.4/stable, scale: 1, trust: true, options: {admin-password: "vault:tenants/shop#password"}}
          db: {charm: mysql-k8s, channel: 8.0/stable, scale: 1}
        relations:
          - [shop:database, db:database]

        """,
        "bundles/shop-machines.yaml": """
        applications:
          shop: {charm: bibind-magento, channel: 2.4/stable, num_units: 1}
          db: {charm: mysql, channel: 8.0/stable, num_units: 1}
        relations:
          - [shop:database, db:database]

        """,
        "offers/pme.yaml": "apiVersion: tenantctl/v1\nkind: Offer\nmetadata: {name: pme}\nspec:\n  bundle: shop\n",
        "offers/grand-compte.yaml": "apiVersion: tenantctl/v1\nkind: Offer\nmetadata: {name: grand-compte}\nspec:\n  bundle: shop-machines\n  controller: cloud\n",
        "tenants/acme.yaml": tenant("acme", offer: "pme"),
        "tenants/corp.yaml": tenant("corp", offer: "grand-compte"),
    ]

    static func tenant(_ name: String, offer: String, extra: String = "") -> String {
        "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata: {name: \(name)}\nspec:\n  offer: \(offer)\n\(extra)"
    }

    static var secrets: String { "\"tenants/shop#password\": \"\(canary)\"\n" }
}
