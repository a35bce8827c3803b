/// An offer's tenancy, bundle, controller and per-environment sizing facts.
struct OfferSummary: Sendable {
    struct Environment: Sendable {
        var ha: Bool
        var machines: [MachineGroup]
    }

    struct MachineGroup: Sendable {
        var count: Int
        var constraints: String?
        var base: String?
    }

    var name: String
    var bundle: String
    var shared: Bool
    var controller: String?
    var sharedModels: [String]
    var environments: [String: Environment]

    init?(name: String, root: YAMLNode) {
        let spec = root["spec"] ?? .null
        guard let bundle = spec["bundle"]?.string else { return nil }
        self.name = name
        self.bundle = bundle
        shared = spec["tenancy"]?.string == "shared"
        controller = spec["controller"]?.string
        sharedModels = spec["sharedModels"]?.keys ?? []
        var environments: [String: Environment] = [:]
        for entry in spec["environments"]?.entries ?? [] {
            let machines = (entry.value["machines"]?.items ?? []).map { group in
                MachineGroup(count: group["count"]?.int ?? 1, constraints: group["constraints"]?.string, base: group["base"]?.string)
            }
            environments[entry.key] = Environment(ha: entry.value["ha"]?.bool ?? false, machines: machines)
        }
        self.environments = environments
    }
}
