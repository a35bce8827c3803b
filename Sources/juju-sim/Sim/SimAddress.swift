import Foundation

/// Addresses and provider ids derived from names, so every status call agrees on them.
enum SimAddress {
    private static func octets(_ key: String) -> (Int, Int) {
        let hash = StableHash.fnv1a(key)
        return (Int(hash % 250) + 1, Int((hash >> 8) % 250) + 2)
    }

    static func machine(model: String, machine: String) -> String {
        let (a, b) = octets(model + "/machine/" + machine)
        return "10.140.\(a).\(b)"
    }

    static func pod(model: String, unit: String) -> String {
        let (a, b) = octets(model + "/pod/" + unit)
        return "10.1.\(a).\(b)"
    }

    static func service(model: String, application: String) -> String {
        let (a, b) = octets(model + "/service/" + application)
        return "10.152.\(a).\(b)"
    }

    /// An LXD-style MAC address (`00:16:3e:…`).
    static func mac(model: String, machine: String) -> String {
        let hash = StableHash.fnv1a(model + "/mac/" + machine)
        return String(format: "00:16:3e:%02x:%02x:%02x", Int(hash & 0xff), Int((hash >> 8) & 0xff), Int((hash >> 16) & 0xff))
    }

    /// A UUID-shaped id (Juju prints Kubernetes object UUIDs as `provider-id`).
    static func uuid(_ key: String) -> String {
        let high = StableHash.fnv1a(key), low = StableHash.fnv1a(key + "#")
        let hex = String(format: "%016llx%016llx", high, low)
        let chars = Array(hex)
        func part(_ range: Range<Int>) -> String { String(chars[range]) }
        return "\(part(0..<8))-\(part(8..<12))-4\(part(13..<16))-a\(part(17..<20))-\(part(20..<32))"
    }
}
