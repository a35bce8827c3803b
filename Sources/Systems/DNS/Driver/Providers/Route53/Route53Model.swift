import DNSPlanning
import Foundation

/// A hosted zone as `ListHostedZonesByName` answers it.
struct Route53HostedZone: Sendable, Equatable {
    /// Without the `/hostedzone/` prefix.
    var id: String
    var name: String
    var privateZone: Bool
}

/// One page of `ListResourceRecordSets`.
struct Route53RecordPage: Sendable, Equatable {
    var recordSets: [DNSRecordSet]
    var isTruncated: Bool
    var nextRecordName: String?
    var nextRecordType: String?
    var nextRecordIdentifier: String?
}

/// `ChangeInfo` of `ChangeResourceRecordSets` and `GetChange`.
struct Route53ChangeInfo: Sendable, Equatable {
    /// Without the `/change/` prefix.
    var id: String
    /// `PENDING` or `INSYNC`.
    var status: String
}

/// An error answer: `<ErrorResponse><Error><Type/><Code/><Message/></Error>…` or, for a refused
/// batch, `<InvalidChangeBatch><Messages><Message/>…</Messages>…`.
struct Route53Error: Sendable, Equatable {
    var code: String
    var messages: [String]
}

/// Decoders of Route 53's XML answers (API version 2013-04-01).
enum Route53Decoding {
    static func hostedZones(_ data: Data) throws -> [Route53HostedZone] {
        let root = try XMLNode.parse(data)
        return root.all("HostedZone").compactMap { zone in
            guard let id = zone.string("Id"), let name = zone.string("Name") else { return nil }
            return Route53HostedZone(id: stripPrefix(id, "/hostedzone/"), name: Route53Names.decode(name),
                                     privateZone: zone.string("Config", "PrivateZone") == "true")
        }
    }

    static func recordPage(_ data: Data) throws -> Route53RecordPage {
        let root = try XMLNode.parse(data)
        var sets: [DNSRecordSet] = []
        for node in root.first("ResourceRecordSets")?.children("ResourceRecordSet") ?? [] {
            guard let name = node.string("Name"), let type = node.string("Type") else { continue }
            let values: [String]
            if let alias = node.child("AliasTarget") {
                // An alias answers like a record of its type but holds no values: shown as the
                // alias target, so that it is seen (and never taken for an empty set).
                values = ["alias:" + Route53Names.decode(alias.string("DNSName") ?? "")]
            } else {
                values = node.first("ResourceRecords")?.children("ResourceRecord").compactMap { $0.string("Value") }
                    .map { Route53Values.value(fromRoute53: $0, type: type) } ?? []
            }
            sets.append(DNSRecordSet(name: Route53Names.decode(name), type: type, ttl: node.string("TTL").flatMap { Int($0) }, values: values))
        }
        return Route53RecordPage(
            recordSets: sets,
            isTruncated: root.string("IsTruncated") == "true",
            nextRecordName: root.string("NextRecordName"),
            nextRecordType: root.string("NextRecordType"),
            nextRecordIdentifier: root.string("NextRecordIdentifier"))
    }

    static func changeInfo(_ data: Data) throws -> Route53ChangeInfo {
        let root = try XMLNode.parse(data)
        guard let info = root.first("ChangeInfo"), let id = info.string("Id"), let status = info.string("Status") else {
            throw DNSProviderError(.permanent, "route53: the answer holds no ChangeInfo")
        }
        return Route53ChangeInfo(id: stripPrefix(id, "/change/"), status: status)
    }

    static func error(_ data: Data) -> Route53Error? {
        guard let root = try? XMLNode.parse(data) else { return nil }
        if root.name == "InvalidChangeBatch" {
            return Route53Error(code: "InvalidChangeBatch", messages: root.all("Message").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) })
        }
        guard let code = root.first("Code")?.text.trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        return Route53Error(code: code, messages: root.all("Message").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) })
    }

    static func stripPrefix(_ text: String, _ prefix: String) -> String {
        text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}

/// Route 53's names: absolute with a trailing dot, characters outside letters, digits, `-` and
/// `_` written as `\DDD` octal escapes (`\052` for the `*` of a wildcard).
enum Route53Names {
    static func decode(_ name: String) -> String {
        let characters = Array(name)
        var result = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 3 < characters.count,
               characters[(index + 1)...(index + 3)].allSatisfy({ $0.isASCII && $0.isNumber }),
               let code = UInt8(String(characters[(index + 1)...(index + 3)]), radix: 8) {
                result.append(Character(Unicode.Scalar(code)))
                index += 4
            } else if character == "\\", index + 1 < characters.count {
                result.append(characters[index + 1])
                index += 2
            } else {
                result.append(character)
                index += 1
            }
        }
        return DNSName.normalized(result)
    }

    static func encode(_ name: String) -> String {
        DNSName.normalized(name) + "."
    }
}

/// Route 53's record values: TXT values are quoted character-strings, CNAME targets absolute.
enum Route53Values {
    static func value(fromRoute53 value: String, type: String) -> String {
        switch type.uppercased() {
        case "TXT": return TXTText.unquoted(value)
        case "CNAME": return DNSName.normalized(value)
        default: return value
        }
    }

    static func route53Value(fromValue value: String, type: String) -> String {
        switch type.uppercased() {
        case "TXT": return TXTText.quoted(value)
        case "CNAME": return DNSName.normalized(value) + "."
        default: return value
        }
    }
}
