import TenantCore

/// A small valid repository held in memory; each test replaces or removes files in it.
enum TestRepository {
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
          - name: aws
            type: route53
            region: eu-west-3
            credentials:
              accessKeyId: vault:dns/aws#access_key_id
              secretAccessKey: vault:dns/aws#secret_access_key
          - name: lab
            type: rfc2136
            server: 127.0.0.1:5353
            tsigKeyName: tenantctl
            credentials:
              tsigSecret: vault:dns/lab#tsig
        zones:
          - {zone: bibind.com, provider: ovh, wildcard: true}
          - {zone: bibind.cloud, provider: lab}
      vault:
        address: https://vault.bibind.internal:8200
        auth:
          method: approle
          roleId: tenantctl
          secretIdFile: /etc/tenantctl/vault-secret-id

    """

    static let k8sBundle = """
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

    static let machineBundle = """
    series: jammy
    machines:
      "0": {constraints: cores=4 mem=8G}
    applications:
      magento:
        charm: bibind-magento
        channel: 2.4/stable
        num_units: 1
        to: ["0"]
      mysql:
        charm: mysql
        channel: 8.0/stable
        num_units: 1
      haproxy:
        charm: haproxy
        channel: latest/stable
        num_units: 1
        expose: true
    relations:
      - [magento:database, mysql:database]

    """

    static let pme = """
    apiVersion: tenantctl/v1
    kind: Offer
    metadata:
      name: pme
    spec:
      bundle: magento-k8s
      environments:
        staging:
          applications:
            magento: {units: 1}
        production:
          applications:
            magento: {units: 2, config: {base-url: https://shop.example.com}}

    """

    static let grandCompte = """
    apiVersion: tenantctl/v1
    kind: Offer
    metadata:
      name: grand-compte
    spec:
      bundle: magento-machines
      controller: openstack
      environments:
        production:
          ha: true
          applications:
            magento: {units: 3}
            mysql: {units: 3}
            haproxy: {units: 2}
          machines:
            - {count: 3, constraints: cores=4 mem=16G, base: ubuntu@22.04}

    """

    static let mutualise = """
    apiVersion: tenantctl/v1
    kind: Offer
    metadata:
      name: mutualise
    spec:
      bundle: magento-k8s
      tenancy: shared
      sharedModels:
        staging: mutualise-staging
        production: mutualise-production

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
        - host: shop.acme.bibind.cloud
          target: {application: traefik}

    """

    static let bigcorp = """
    apiVersion: tenantctl/v1
    kind: Tenant
    metadata:
      name: bigcorp
    spec:
      offer: grand-compte
      environments:
        production: {}
      domains:
        - host: www.bigcorp.fr
          zone: bigcorp.fr
          provider: aws
          register: true
          target: {address: 203.0.113.10}

    """

    static let petit = """
    apiVersion: tenantctl/v1
    kind: Tenant
    metadata:
      name: petit
    spec:
      offer: mutualise
      domains:
        - host: petit.bibind.com
      policy: {sync: manual}

    """

    static var files: [String: String] {
        [
            "tenantctl.yaml": fleet,
            "bundles/magento-k8s.yaml": k8sBundle,
            "bundles/magento-machines.yaml": machineBundle,
            "offers/pme.yaml": pme,
            "offers/grand-compte.yaml": grandCompte,
            "offers/mutualise.yaml": mutualise,
            "tenants/acme.yaml": acme,
            "tenants/bigcorp.yaml": bigcorp,
            "tenants/petit.yaml": petit,
            "README.md": "# not a manifest\n",
        ]
    }

    /// The repository with some files replaced (a nil value removes the file).
    static func with(_ changes: [String: String?]) -> [ManifestFile] {
        var files = Self.files
        for (path, content) in changes { files[path] = content }
        return files.sorted { $0.key < $1.key }.map { ManifestFile(path: $0.key, bytes: Array($0.value.utf8)) }
    }

    static func build(_ changes: [String: String?] = [:]) -> DesiredStateBuilder.Result {
        DesiredStateBuilder.build(ManifestLoader.load(with(changes)))
    }
}
