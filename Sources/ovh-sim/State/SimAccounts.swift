/// An application (application key and secret) and the consumer keys it was granted, each with
/// access rules, as `POST /auth/credential` creates them on OVH.
struct SimApplication: Sendable {
    var key: String
    var secret: String
}

struct SimConsumer: Sendable {
    var key: String
    var applicationKey: String
    var rules: [SimAccessRule]
}

/// `{"method": "GET", "path": "/domain/zone/*"}`: `*` matches any run of characters.
struct SimAccessRule: Sendable {
    var method: String
    var path: String

    func allows(method: String, path: String) -> Bool {
        (self.method == method || self.method == "*") && Self.matches(pattern: Array(self.path), text: Array(path))
    }

    static func matches(pattern: [Character], text: [Character]) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        if first == "*" {
            let rest = Array(pattern.dropFirst())
            for start in 0...text.count where matches(pattern: rest, text: Array(text[start...])) { return true }
            return false
        }
        guard let head = text.first, head == first else { return false }
        return matches(pattern: Array(pattern.dropFirst()), text: Array(text.dropFirst()))
    }
}
