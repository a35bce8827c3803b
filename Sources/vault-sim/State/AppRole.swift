/// An AppRole role with one valid secret id, and what tokens issued at login look like.
struct AppRole: Sendable {
    var name: String
    var roleID: String
    var secretID: String
    var namespace: String
    var policies: [String]
    var tokenTTL: Int
    var tokenMaxTTL: Int
    var renewable = true
}
