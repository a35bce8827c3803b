/// Everything one generated tenant manifest says, before it is written as YAML.
struct TenantBlueprint: Sendable {
    struct Application: Sendable {
        var name: String
        var channel: String?
        var revision: Int?
        var units: Int?
        var expose: Bool?
        var constraints: String?
        /// Option name and value, written as plain YAML scalars.
        var config: [(key: String, value: String)] = []

        var isEmpty: Bool {
            channel == nil && revision == nil && units == nil && expose == nil && constraints == nil && config.isEmpty
        }
    }

    struct MachineGroup: Sendable {
        var count: Int
        var constraints: String
        var base: String
    }

    struct Environment: Sendable {
        var name: String
        var model: String?
        var applications: [Application] = []
        var machines: [MachineGroup] = []
    }

    enum Target: Sendable {
        case application(String)
        case address(String)
        case cname(String)
    }

    struct Domain: Sendable {
        var host: String
        var environment: String?
        var zone: String?
        var provider: String?
        var register = false
        var target: Target?
        var tls: Bool?
    }

    var name: String
    var offer: String
    /// `tenants/<name>/tenant.yaml` with a runbook beside it, instead of `tenants/<name>.yaml`.
    var folderForm: Bool
    var comment: String
    var labels: [(key: String, value: String)]
    var controller: String?
    /// nil: the fleet's default environments.
    var environments: [Environment]?
    var domains: [Domain]
    var sync: String?
    var prune: Bool?

    var path: String { folderForm ? "tenants/\(name)/tenant.yaml" : "tenants/\(name).yaml" }

    /// The same tenant after a one-line policy change: the commit `changed` is measured on.
    func withSyncFlipped() -> TenantBlueprint {
        var copy = self
        copy.sync = sync == "manual" ? "auto" : "manual"
        return copy
    }
}
