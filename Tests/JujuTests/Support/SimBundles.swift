/// Bundles the juju-sim tests deploy: small, but with every feature tenantctl uses.
enum SimBundles {
    /// Machines with constraints, `to:` placement (machines and a container), a subordinate,
    /// options, expose, a consumed offer and relations.
    static let iaas = """
    default-base: ubuntu@22.04
    saas:
      certificates:
        url: pki:admin/pki.self-signed-certificates
    machines:
      "0": {constraints: cores=2 mem=4G}
      "1": {constraints: cores=4 mem=8G root-disk=50G}
      "2": {constraints: cores=4 mem=8G root-disk=50G}
    applications:
      haproxy:
        charm: haproxy
        channel: 2.8/stable
        num_units: 1
        to: ["0"]
        expose: true
      magento:
        charm: bibind-magento
        channel: 2.4/stable
        revision: 57
        num_units: 2
        to: ["1", "2"]
        options: {locale: fr_FR, workers: 4, debug: false}
      redis:
        charm: redis
        num_units: 1
        to: ["lxd:0"]
      nrpe:
        charm: nrpe
        channel: latest/stable
    relations:
      - [magento:haproxy-route, haproxy:haproxy-route]
      - [magento, nrpe]
      - [magento:redis, redis:redis]
      - [haproxy:certificates, certificates:certificates]
    """

    static let kubernetes = """
    bundle: kubernetes
    applications:
      magento:
        charm: bibind-magento-k8s
        channel: 2.4/stable
        revision: 57
        scale: 2
        trust: true
        options: {locale: fr_FR}
      mysql:
        charm: mysql-k8s
        channel: 8.0/stable
        scale: 1
        _private_key: ignored like Juju ignores it
    relations:
      - [magento:database, mysql:database]
    """
}
