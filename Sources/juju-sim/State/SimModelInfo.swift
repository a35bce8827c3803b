/// What `juju models` lists about a model, kept in the index so listing needs no model file.
struct SimModelInfo: Codable, Equatable {
    var name: String
    var uuid: String
    var type: String
    var isController: Bool
    var createdAt: Double
}
