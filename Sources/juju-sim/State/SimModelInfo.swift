/// What `juju models` lists about a model, kept in the index so listing needs no model file.
struct SimModelInfo: Codable, Equatable {
    var name: String
    var uuid: String
    var type: String
    var isController: Bool
    var createdAt: Double
    /// Where `add-model` put it, when not the controller's own cloud, region or credential.
    var cloud: String? = nil
    var region: String? = nil
    var credential: String? = nil
    /// Set by destroy-model: the model is `dying` until then, then gone.
    var dyingUntil: Double? = nil
}
