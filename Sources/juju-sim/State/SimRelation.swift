/// A relation between two application endpoints.
struct SimRelation: Codable, Equatable {
    var id: Int
    var endpoints: [Endpoint]
    var interface: String
    /// `global`, or `container` between a subordinate and its principal.
    var scope: String

    struct Endpoint: Codable, Equatable {
        var application: String
        var name: String
        var description: String { "\(application):\(name)" }
    }

    var key: String { endpoints.map(\.description).joined(separator: " ") }

    func involves(_ application: String) -> Bool { endpoints.contains { $0.application == application } }

    func other(than application: String) -> Endpoint? { endpoints.first { $0.application != application } }
}
