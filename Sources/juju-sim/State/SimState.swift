/// The index of juju-sim's world: the controllers "bootstrapped" so far and their models'
/// names, as a client store would hold them. Model contents are in per-model files.
struct SimState: Codable, Equatable {
    var controllers: [String: SimController] = [:]
    var currentController: String?
}
