import DNSDriver
import Foundation
import Reconciler

/// Waits until the zone's authoritative server answers a challenge TXT value: asked directly
/// (`dig +norecurse @server`), never through a resolver whose cache could answer from before.
/// Bounded: past the limit the hook fails with what the server answered, and certbot gives up
/// the order (its cleanup hook then removes the value).
enum ChallengePropagation {
    static func wait(for name: String, value: String, client: any DNSProviderClient, timeout: Duration,
                     runner: ProcessRunner = ProcessRunner()) async throws {
        let servers = try await authoritativeServers(client: client, name: name, runner: runner)
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last = "(no answer)"
        while true {
            var missing: [String] = []
            for server in servers {
                let answers = try await txt(name, at: server, runner: runner)
                if !answers.contains(value) {
                    missing.append("\(server.host):\(server.port)")
                    last = answers.isEmpty ? "(no TXT)" : "\(answers.count) other value(s)"
                }
            }
            if missing.isEmpty { return }
            guard clock.now < deadline else {
                throw CertHookError("the challenge \(name) TXT was written, but \(missing.joined(separator: ", ")) still did not answer it after \(timeout.components.seconds) s (last answer: \(last))")
            }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// RFC 2136: the server tenantctl writes to (the primary). Other providers: the zone's NS
    /// as the system resolver gives them, on port 53.
    static func authoritativeServers(client: any DNSProviderClient, name: String, runner: ProcessRunner) async throws -> [(host: String, port: Int)] {
        if let rfc2136 = client as? RFC2136Provider { return [(host: rfc2136.host, port: rfc2136.port)] }
        var zone = Substring(name)
        while let dot = zone.firstIndex(of: ".") {
            zone = zone[zone.index(after: dot)...]
            let output = try await runner.run("dig", ["+short", "NS", "\(zone)."], timeout: .seconds(10))
            let servers = output.stdoutText.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if !servers.isEmpty { return servers.map { (host: $0, port: 53) } }
        }
        throw CertHookError("no NS records found for any parent of \(name)")
    }

    /// The TXT values the server answers for `name`, unquoted.
    static func txt(_ name: String, at server: (host: String, port: Int), runner: ProcessRunner) async throws -> [String] {
        let output = try await runner.run("dig", ["+short", "+norecurse", "+time=2", "+tries=1", "-p", String(server.port), "@\(server.host)", "\(name).", "TXT"],
                                          timeout: .seconds(10))
        guard output.exitCode == 0 else { return [] }
        return output.stdoutText.split(whereSeparator: \.isNewline).map { line in
            // `"abc" "def"`: one value in several strings; challenge values are one string.
            line.split(separator: "\"", omittingEmptySubsequences: true).filter { !$0.allSatisfy(\.isWhitespace) }.joined()
        }
    }
}
