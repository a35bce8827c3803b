import Foundation
import GitTestSupport

/// A small valid desired-state repository the CLI tests commit with the real git CLI.
///
/// Four tenants on two offers and three bundles, chosen so that each kind of change marks a
/// different set of tenants:
///
/// | tenant | offer     | bundle                          |
/// |--------|-----------|---------------------------------|
/// | acme   | pme       | shop-k8s (the offer's)          |
/// | beta   | pme       | shop-k8s (the offer's)          |
/// | gamma  | pme       | shop-k8s-cache (its override)   |
/// | solo   | solocard  | solo-k8s (the offer's)          |
enum FleetRepository {
    static let fleet = """
    apiVersion: tenantctl/v1
    kind: Fleet
    metadata:
      name: bibind
    spec:
      wildcardDomain: bibind.com
      controllers:
        - name: k8s
          cloud: microk8s
          kind: k8s
        - name: openstack
          cloud: openstack-gra
          kind: iaas
      defaults:
        controller: k8s
        environments: [staging, production]
        policy: {sync: auto, prune: false}
      dns:
        providers:
          - name: ovh
            type: ovh
            endpoint: ovh-eu
            credentials:
              applicationKey: vault:dns/ovh#application_key
              applicationSecret: vault:dns/ovh#application_secret
              consumerKey: vault:dns/ovh#consumer_key
        zones:
          - {zone: bibind.com, provider: ovh, wildcard: true}
      vault:
        address: https://vault.bibind.internal:8200
        auth:
          method: approle
          roleId: tenantctl
          secretIdFile: /etc/tenantctl/vault-secret-id

    """

    static let shopBundle = """
    bundle: kubernetes
    applications:
      magento:
        charm: bibind-magento-k8s
        channel: 2.4/stable
        revision: 50
        scale: 1
        trust: true
        options:
          admin-password: vault:tenants/default#admin_password
          base-url: https://example.com
      mysql:
        charm: mysql-k8s
        channel: 8.0/stable
        scale: 1
      traefik:
        charm: traefik-k8s
        channel: latest/stable
        scale: 1
    relations:
      - [magento:database, mysql:database]
      - [magento:ingress, traefik:ingress]

    """

    static let shopCacheBundle = """
    bundle: kubernetes
    applications:
      magento:
        charm: bibind-magento-k8s
        channel: 2.4/stable
        scale: 1
        trust: true
      mysql:
        charm: mysql-k8s
        channel: 8.0/stable
        scale: 1
      redis:
        charm: redis-k8s
        channel: latest/edge
        scale: 1
    relations:
      - [magento:database, mysql:database]
      - [magento:cache, redis:redis]

    """

    static let soloBundle = """
    bundle: kubernetes
    applications:
      wordpress:
        charm: wordpress-k8s
        channel: latest/stable
        scale: 1
      mysql:
        charm: mysql-k8s
        channel: 8.0/stable
        scale: 1
    relations:
      - [wordpress:database, mysql:database]

    """

    static let pme = """
    apiVersion: tenantctl/v1
    kind: Offer
    metadata:
      name: pme
    spec:
      bundle: shop-k8s
      environments:
        staging:
          applications:
            magento: {units: 1}
        production:
          applications:
            magento: {units: 2, config: {base-url: https://shop.example.com}}

    """

    static let solocard = """
    apiVersion: tenantctl/v1
    kind: Offer
    metadata:
      name: solocard
    spec:
      bundle: solo-k8s
      environments:
        production:
          applications:
            wordpress: {units: 1}

    """

    static let acme = """
    apiVersion: tenantctl/v1
    kind: Tenant
    metadata:
      name: acme
    spec:
      offer: pme
      environments:
        staging: {}
        production:
          applications:
            magento:
              revision: 57
              config:
                admin-password: vault:tenants/acme#admin_password
      domains:
        - host: acme.bibind.com

    """

    static let beta = """
    apiVersion: tenantctl/v1
    kind: Tenant
    metadata:
      name: beta
    spec:
      offer: pme
      environments:
        production: {}
      domains:
        - host: beta.bibind.com

    """

    static let gamma = """
    apiVersion: tenantctl/v1
    kind: Tenant
    metadata:
      name: gamma
    spec:
      offer: pme
      bundle: shop-k8s-cache
      environments:
        production: {}

    """

    static let solo = """
    apiVersion: tenantctl/v1
    kind: Tenant
    metadata:
      name: solo
    spec:
      offer: solocard
      domains:
        - host: solo.bibind.com
      policy: {sync: manual}

    """

    static let delta = """
    apiVersion: tenantctl/v1
    kind: Tenant
    metadata:
      name: delta
    spec:
      offer: solocard
      environments:
        production: {}

    """

    static var files: [String: String] {
        [
            "tenantctl.yaml": fleet,
            "bundles/shop-k8s.yaml": shopBundle,
            "bundles/shop-k8s-cache.yaml": shopCacheBundle,
            "bundles/solo-k8s.yaml": soloBundle,
            "offers/pme.yaml": pme,
            "offers/solocard.yaml": solocard,
            "tenants/acme.yaml": acme,
            "tenants/beta.yaml": beta,
            "tenants/gamma.yaml": gamma,
            "tenants/solo.yaml": solo,
            "README.md": "# Bibind tenants\n",
        ]
    }

    /// tenants, offers, bundles and environments of the valid repository, as `validate` counts them.
    static let summary = "4 tenants, 2 offers, 3 bundles, 6 environments; 0 errors, 0 warnings"

    /// Writes every file into `directory` (a work tree or a plain folder).
    static func write(into directory: String, _ files: [String: String] = files) throws {
        for (path, content) in files {
            let full = (directory as NSString).appendingPathComponent(path)
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(content.utf8).write(to: URL(fileURLWithPath: full))
        }
    }

    /// A work tree on branch main holding the repository in one commit, "Initial fleet".
    static func commit(in fixture: GitFixture, name: String = "tenants") throws -> WorkTree {
        let tree = try fixture.workTree(name)
        try write(into: tree.path)
        try tree.commit("Initial fleet")
        return tree
    }
}
