import DNSPlanning
import Foundation

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
