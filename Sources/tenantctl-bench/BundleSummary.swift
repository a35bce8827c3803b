/// A bundle's applications, as far as tenant overrides need them.
struct BundleSummary: Sendable {
    struct Application: Sendable {
        var name: String
        var charm: String
        var channel: String?
        var revision: Int?
        /// `num_units` (machine bundles) or `scale` (Kubernetes); nil for subordinates.
        var units: Int?
        var options: [String: String]
        var exposed: Bool
        var constraints: String?
    }

    var name: String
    var isKubernetes: Bool
    var applications: [Application]

    init(name: String, documents: [YAMLNode]) {
        self.name = name
        isKubernetes = documents.first?["bundle"]?.string == "kubernetes"
        var applications: [Application] = []
        for document in documents {
            for entry in document["applications"]?.entries ?? [] {
                applications.removeAll { $0.name == entry.key }
                if entry.value.isNull { continue }  // an overlay removing it
                let value = entry.value
                var options: [String: String] = [:]
                for option in value["options"]?.entries ?? [] {
                    if let text = option.value.string { options[option.key] = text }
                }
                applications.append(Application(
                    name: entry.key, charm: value["charm"]?.string ?? entry.key, channel: value["channel"]?.string,
                    revision: value["revision"]?.int, units: value["num_units"]?.int ?? value["scale"]?.int,
                    options: options, exposed: value["expose"]?.bool ?? false, constraints: value["constraints"]?.string))
            }
        }
        self.applications = applications
    }

    func application(_ name: String) -> Application? {
        applications.first { $0.name == name }
    }

    /// The shop application tenants configure (base URL, admin password): Magento when present.
    var primaryApplication: Application? {
        applications.first { $0.charm.contains("magento") } ?? applications.first { $0.units != nil }
    }

    /// The application a custom domain points at: the ingress or load balancer.
    var ingressApplication: Application? {
        let ingressCharms = ["traefik", "haproxy", "nginx-ingress-integrator", "nginx"]
        return applications.first { application in ingressCharms.contains { application.charm.hasPrefix($0) } }
            ?? primaryApplication
    }
}
