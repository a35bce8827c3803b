/// A bootstrapped controller, as the index of the state holds it: the models are listed here,
/// their contents live in one file each (see `StateStore`).
struct SimController: Codable, Equatable {
    var name: String
    var uuid: String
    var cloud: String
    var region: String
    /// The provider type (`lxd`, `openstack`, `kubernetes`…).
    var cloudType: String
    /// `iaas` or `caas`: the type of every model on it, as a controller serves one cloud here.
    var modelType: String
    var agentVersion: String
    var createdAt: Double
    var models: [String: SimModelInfo]
    var currentModel: String?
}
