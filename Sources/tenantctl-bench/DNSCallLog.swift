import Foundation

/// Counts the calls tenantctl makes to a DNS provider. RFC 2136: `dig` and `nsupdate` are
/// wrapped by scripts first in PATH that note each run, then exec the real tool. Route 53:
/// moto_server's request log (one line per request, as werkzeug writes it).
struct DNSCallLog {
    /// Calls by kind: `AXFR`, `nsupdate`, `gate query` (RFC 2136); `ListResourceRecordSets`
    /// page, `ChangeResourceRecordSets`, `GetChange`, `ListHostedZonesByName` (Route 53).
    typealias Counts = [String: Int]

    /// A folder with `dig` and `nsupdate` that log to `log`; put it first in PATH.
    static func wrapTools(in folder: String, log: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for tool in ["dig", "nsupdate"] {
            guard let real = ["/usr/bin/\(tool)", "/usr/local/bin/\(tool)", "/bin/\(tool)"].first(where: FileManager.default.isExecutableFile) else {
                throw BenchError("\(tool) is not installed (make deps installs bind9-dnsutils)")
            }
            let script = "#!/bin/sh\necho \"\(tool) $*\" >> '\(log)'\nexec \(real) \"$@\"\n"
            try script.write(toFile: "\(folder)/\(tool)", atomically: true, encoding: .utf8)
            chmod("\(folder)/\(tool)", 0o755)
        }
    }

    /// The wrapped tools' runs noted in `log` so far.
    static func toolCounts(_ log: String) -> Counts {
        var counts: Counts = [:]
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            if line.hasPrefix("nsupdate ") { counts["nsupdate", default: 0] += 1 }
            else if line.contains(" AXFR") { counts["AXFR", default: 0] += 1 }
            else if line.contains("+norecurse") { counts["gate query", default: 0] += 1 }
            else { counts["other dig", default: 0] += 1 }
        }
        return counts
    }

    /// moto_server's requests so far, from its log (`"GET /2013-04-01/… HTTP/1.1" 200`).
    static func motoCounts(_ log: String) -> Counts {
        var counts: Counts = [:]
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            guard let quote = line.firstIndex(of: "\"") else { continue }
            let request = line[line.index(after: quote)...].split(separator: " ")
            guard request.count >= 2, request[1].hasPrefix("/2013-04-01/") else { continue }
            let method = request[0], path = request[1].split(separator: "?")[0]
            let kind: String
            if path.hasSuffix("/rrset") || path.hasSuffix("/rrset/") {
                kind = method == "POST" ? "ChangeResourceRecordSets" : "ListResourceRecordSets"
            } else if path.contains("/change/") {
                kind = "GetChange"
            } else if path.contains("/hostedzonesbyname") {
                kind = "ListHostedZonesByName"
            } else {
                kind = "\(method) other"
            }
            counts[kind, default: 0] += 1
        }
        return counts
    }

    static func difference(_ after: Counts, _ before: Counts) -> Counts {
        after.reduce(into: Counts()) { result, entry in
            let count = entry.value - (before[entry.key] ?? 0)
            if count > 0 { result[entry.key] = count }
        }
    }
}
