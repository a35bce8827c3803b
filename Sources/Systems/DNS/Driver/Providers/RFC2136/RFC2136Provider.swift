import DNSPlanning
import Foundation
import Reconciler
import TenantCore

/// Any standard DNS server (bind9, PowerDNS, Knot) through the standard tools: the zone is read
/// by AXFR with `dig`, changes are RFC 2136 dynamic updates sent with `nsupdate`, both signed
/// with TSIG. No DNS wire format is written here.
///
/// The TSIG secret never reaches an argument list: it is written into a key file, 0600 in a
/// 0700 folder of its own, removed after each call, and the tools read it with `-k`.
public struct RFC2136Provider: DNSProviderClient {
    public var kind: String { "rfc2136" }

    /// `host` and `port` of the primary server.
    public let host: String
    public let port: Int
    public let key: TSIGKey
    public let timeout: Duration
    public let runner: ProcessRunner
    public let dig: String
    public let nsupdate: String

    public init(server: String, key: TSIGKey, timeout: Duration = .seconds(30), runner: ProcessRunner = ProcessRunner(),
                dig: String = "dig", nsupdate: String = "nsupdate") throws {
        (host, port) = try Self.hostPort(server)
        self.key = key
        self.timeout = timeout
        self.runner = runner
        self.dig = dig
        self.nsupdate = nsupdate
    }

    /// `host`, `host:port`, `[v6]:port`, or a `dns://host:port` URL (the test-server override).
    static func hostPort(_ text: String) throws -> (String, Int) {
        var server = text
        if server.hasPrefix("dns://") { server.removeFirst("dns://".count) }
        while server.hasSuffix("/") { server.removeLast() }
        if server.hasPrefix("["), let close = server.firstIndex(of: "]") {
            let host = String(server[server.index(after: server.startIndex)..<close])
            let rest = server[server.index(after: close)...]
            guard !rest.isEmpty else { return (host, 53) }
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (1...65535).contains(port) else { throw badServer(text) }
            return (host, port)
        }
        let parts = server.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1 where !server.isEmpty: return (server, 53)
        case 2:
            guard !parts[0].isEmpty, let port = Int(parts[1]), (1...65535).contains(port) else { throw badServer(text) }
            return (String(parts[0]), port)
        default:
            if IPAddress.family(of: server) == .v6 { return (server, 53) }
            throw badServer(text)
        }
    }

    private static func badServer(_ text: String) -> DNSProviderError {
        DNSProviderError(.permanent, "'\(Printable.escaped(String(text.prefix(80))))' is not a DNS server address; expected host, host:port or dns://host:port")
    }

    public func listRecordSets(in zone: String) async throws -> ZoneListing {
        let zoneName = DNSName.normalized(zone)
        let output = try await withKeyFile { keyFile in
            try await run(dig, ["-k", keyFile, "-p", String(port), "@\(host)", "\(zoneName).", "AXFR",
                                "+noall", "+answer", "+nocomments", "+tcp", "+time=\(seconds)", "+tries=1"], what: "reading zone \(zoneName) by AXFR")
        }
        // The listing is parsed only within a bound: a runaway answer is refused, not guessed at.
        guard output.stdout.count <= Self.maxTransferBytes else {
            throw DNSProviderError(.permanent, "reading zone \(zoneName) from \(host):\(port): the transfer is larger than \(Self.maxTransferBytes / 1_048_576) MiB")
        }
        let text = output.stdoutText
        if let failure = Self.digFailure(text + "\n" + output.stderrText, exitCode: output.exitCode, zone: zoneName, host: "\(host):\(port)") {
            throw failure
        }
        do {
            return try DigZoneParser.parse(text, zone: zoneName)
        } catch {
            throw DNSProviderError(.permanent, "reading zone \(zoneName) from \(host):\(port): \(error)")
        }
    }

    public func apply(_ batch: DNSChangeBatch, to zone: String) async throws {
        guard !batch.entries.isEmpty else { return }
        let zoneName = DNSName.normalized(zone)
        var lines = ["server \(host) \(port)", "zone \(zoneName)."]
        for entry in batch.entries {
            let set = entry.recordSet
            guard let name = Self.plainName(set.name), DNSName.relative(set.name, in: zoneName) != nil else {
                throw DNSProviderError(.permanent, "'\(Printable.escaped(String(set.name.prefix(80))))' is not a name tenantctl can write in zone \(zoneName)")
            }
            guard set.type.allSatisfy({ $0.isLetter || $0.isNumber }) else {
                throw DNSProviderError(.permanent, "'\(Printable.escaped(set.type))' is not a record type")
            }
            lines.append("update delete \(name). \(set.type)")
            if case .upsert = entry {
                for value in set.values {
                    lines.append("update add \(name). \(set.ttl ?? 300) \(set.type) \(try Self.rdata(value, type: set.type))")
                }
            }
        }
        lines.append("send")
        let commands = lines.joined(separator: "\n") + "\n"
        let output = try await withKeyFile { keyFile in
            try await PrivateTemporaryFile.with(contents: commands) { commandFile in
                try await run(nsupdate, ["-v", "-t", String(seconds), "-k", keyFile, commandFile], what: "updating zone \(zoneName)")
            }
        }
        guard output.exitCode == 0 else {
            throw Self.updateFailure(output.stdoutText + "\n" + output.stderrText, zone: zoneName, host: "\(host):\(port)")
        }
    }

    /// Names tenantctl writes: letters, digits, `-`, `_` (the `_tenantctl` prefix), `*` and dots.
    static func plainName(_ name: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.*")
        guard !name.isEmpty, name.utf8.count <= 253, name.allSatisfy(allowed.contains) else { return nil }
        return name
    }

    /// A value as nsupdate reads it after the type.
    static func rdata(_ value: String, type: String) throws -> String {
        switch type {
        case "TXT": return ZoneFileText.quote(value)
        case "A", "AAAA":
            guard IPAddress.family(of: value) == (type == "A" ? .v4 : .v6) else {
                throw DNSProviderError(.permanent, "'\(Printable.escaped(String(value.prefix(80))))' is not an \(type == "A" ? "IPv4" : "IPv6") address")
            }
            return value
        case "CNAME":
            guard let name = plainName(DNSName.normalized(value)) else {
                throw DNSProviderError(.permanent, "'\(Printable.escaped(String(value.prefix(80))))' is not a name a CNAME can point at")
            }
            return name + "."
        default:
            throw DNSProviderError(.permanent, "tenantctl does not write \(Printable.escaped(type)) records")
        }
    }

    static let maxTransferBytes = 128 * 1_048_576

    private var seconds: Int { max(1, Int(timeout.components.seconds)) }

    private func run(_ tool: String, _ arguments: [String], what: String) async throws -> ProcessOutput {
        let output: ProcessOutput
        do {
            // The tools get their own time limit; this one is the backstop.
            output = try await runner.run(tool, arguments, timeout: timeout + .seconds(5))
        } catch let error as ProcessRunnerError {
            if case .notFound = error {
                throw DNSProviderError(.permanent, "\(what): cannot find the program '\(tool)' (Debian: apt-get install bind9-dnsutils)")
            }
            throw DNSProviderError(.transient, "\(what): \(error.description)")
        }
        if output.timedOut { throw DNSProviderError(.transient, "\(what): \(host):\(port) did not answer within \(seconds) s") }
        return output
    }

    /// Writes the key file for one call and removes it after.
    private func withKeyFile<Result: Sendable>(_ body: @Sendable (String) async throws -> Result) async throws -> Result {
        try await PrivateTemporaryFile.with(contents: key.keyFileText, body)
    }

    /// What a failed transfer means. dig prints `; Transfer failed.` and a reason, on stdout,
    /// often with exit status 0.
    static func digFailure(_ text: String, exitCode: Int32, zone: String, host: String) -> DNSProviderError? {
        let lower = text.lowercased()
        let place = "reading zone \(zone) from \(host)"
        if lower.contains("tsig") && (lower.contains("error") || lower.contains("verify") || lower.contains("badkey") || lower.contains("badsig")) {
            return DNSProviderError(.unauthorized, "\(place): the server refused tenantctl's TSIG key (wrong key name, algorithm or secret)")
        }
        if lower.contains("connection refused") || lower.contains("no servers could be reached") || lower.contains("timed out")
            || lower.contains("communications error") || lower.contains("network unreachable") || exitCode == 9 {
            return DNSProviderError(.transient, "\(place): the server did not answer (\(firstProblem(text)))")
        }
        if lower.contains("notauth") || lower.contains("refused") || lower.contains("notimp") {
            return DNSProviderError(.zoneNotFound, "\(place): the server does not serve the zone or refuses the transfer (\(firstProblem(text)))")
        }
        if lower.contains("transfer failed") || exitCode != 0 {
            return DNSProviderError(.permanent, "\(place): the transfer failed (\(firstProblem(text)))")
        }
        return nil
    }

    static func updateFailure(_ text: String, zone: String, host: String) -> DNSProviderError {
        let lower = text.lowercased()
        let place = "updating zone \(zone) at \(host)"
        if lower.contains("tsig") || lower.contains("badkey") || lower.contains("badsig") || lower.contains("notauth") {
            return DNSProviderError(.unauthorized, "\(place): the server refused tenantctl's TSIG key (wrong key name, algorithm or secret)")
        }
        if lower.contains("refused") && !lower.contains("connection refused") {
            return DNSProviderError(.permanent, "\(place): the server refused the update (is update allowed for this key?) (\(firstProblem(text)))")
        }
        if lower.contains("connection refused") || lower.contains("timed out") || lower.contains("could not talk") || lower.contains("communication") {
            return DNSProviderError(.transient, "\(place): the server did not answer (\(firstProblem(text)))")
        }
        return DNSProviderError(.permanent, "\(place): \(firstProblem(text))")
    }

    /// The first line that says something, escaped and cut: the tools print no secret (the key
    /// is in a file), but their output is the server's words and is printed as data.
    static func firstProblem(_ text: String) -> String {
        let lines = text.split(whereSeparator: { $0 == "\n" }).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != ";" }
        return Printable.short(lines.first { $0.lowercased().contains("fail") || $0.lowercased().contains("error") || $0.lowercased().contains("refused") }
            ?? lines.first ?? "no output")
    }
}

/// A TSIG key: its name, algorithm and base64 secret.
public struct TSIGKey: Sendable {
    public let name: String
    public let algorithm: String
    let secret: String

    public static let algorithms = ["hmac-sha256", "hmac-sha384", "hmac-sha512", "hmac-sha224", "hmac-sha1", "hmac-md5"]

    /// Checks what goes into the key file, so that no value can break out of its syntax.
    public init(name: String, algorithm: String, secret: String) throws {
        guard RFC2136Provider.plainName(DNSName.normalized(name)) != nil else {
            throw DNSProviderError(.permanent, "'\(Printable.escaped(String(name.prefix(80))))' is not a TSIG key name")
        }
        guard Self.algorithms.contains(algorithm) else {
            throw DNSProviderError(.permanent, "'\(Printable.escaped(String(algorithm.prefix(40))))' is not a TSIG algorithm; expected one of: \(Self.algorithms.joined(separator: ", "))")
        }
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        let base64 = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
        guard !trimmed.isEmpty, trimmed.count <= 1024, trimmed.allSatisfy(base64.contains), Data(base64Encoded: trimmed) != nil else {
            // Never the value: only what is wrong with it.
            throw DNSProviderError(.permanent, "the TSIG secret of key \(name) is not base64 (as tsig-keygen prints it)")
        }
        self.name = DNSName.normalized(name)
        self.algorithm = algorithm
        self.secret = trimmed
    }

    /// The named.conf `key` statement `dig -k` and `nsupdate -k` read.
    var keyFileText: String {
        "key \"\(name)\" {\n\talgorithm \(algorithm);\n\tsecret \"\(secret)\";\n};\n"
    }
}

extension TSIGKey: CustomStringConvertible {
    /// Never the secret.
    public var description: String { "TSIG key \(name) (\(algorithm))" }
}
