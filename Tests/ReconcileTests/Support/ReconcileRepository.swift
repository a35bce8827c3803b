import Foundation
import GitTestSupport

/// A small fleet on the juju-sim controllers `k8s` and `cloud`, committed to a git repository.
enum ReconcileRepository {
    static let fleet = """
    apiVersion: tenantctl/v1
    kind: Fleet
    metadata: {name: test}
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

    static let shopBundle = """
    bundle: kubernetes
    applications:
      shop: {charm: bibind-magento-k8s, channel: 2.4/stable, scale: 1, trust: true, options: {admin-password: "vault:tenants/shop#password"}}
      db: {charm: mysql-k8s, channel: 8.0/stable, scale: 1}
    relations:
      - [shop:database, db:database]

    """

    static let machineBundle = """
    applications:
      shop: {charm: bibind-magento, channel: 2.4/stable, num_units: 2}
      db: {charm: mysql, channel: 8.0/stable, num_units: 1}
    relations:
      - [shop:database, db:database]

    """

    static let offers = [
        "offers/pme.yaml": "apiVersion: tenantctl/v1\nkind: Offer\nmetadata: {name: pme}\nspec:\n  bundle: shop\n  environments:\n    production:\n      applications:\n        shop: {units: 2}\n",
        "offers/grand-compte.yaml": "apiVersion: tenantctl/v1\nkind: Offer\nmetadata: {name: grand-compte}\nspec:\n  bundle: shop-machines\n  controller: cloud\n  environments:\n    production:\n      machines:\n        - {count: 2, constraints: cores=4 mem=8G}\n",
    ]

    static func tenant(_ name: String, offer: String, extra: String = "") -> String {
        "apiVersion: tenantctl/v1\nkind: Tenant\nmetadata: {name: \(name)}\nspec:\n  offer: \(offer)\n\(extra)"
    }

    static var files: [String: String] {
        var files = offers
        files["tenantctl.yaml"] = fleet
        files["bundles/shop.yaml"] = shopBundle
        files["bundles/shop-machines.yaml"] = machineBundle
        files["tenants/acme.yaml"] = tenant("acme", offer: "pme")
        files["tenants/bravo.yaml"] = tenant("bravo", offer: "pme")
        files["tenants/corp.yaml"] = tenant("corp", offer: "grand-compte")
        return files
    }

    static let secrets = "\"tenants/shop#password\": \"correct horse battery staple\"\n"

    static func commit(in fixture: GitFixture) throws -> WorkTree {
        let tree = try fixture.workTree("tenants")
        for (path, content) in files { try tree.write(path, content) }
        _ = try tree.commit("Fleet")
        return tree
    }
}
