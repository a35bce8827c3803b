import Foundation

/// Asks every authoritative server of a zone, again and again, until each gives the wanted
/// answer or the time is up. Shared by the DNS health gate (a record written, or deleted) and
/// by the DNS-01 hook (a challenge value): both must see what the zone's servers serve, not
/// what the API accepted.
public struct PropagationWait: Sendable {
    public var timeout: Duration
    public var interval: Duration

    public init(timeout: Duration, interval: Duration = .milliseconds(500)) {
        self.timeout = timeout
        self.interval = interval
    }

    /// `check` returns nil when `server` answers as wanted, else what it answered, as a phrase
    /// after the server's address (`answers 192.0.2.1`, `did not answer (…)`). Returns at
    /// once when every server does; throws ``PropagationTimeout`` with the servers still behind
    /// and their last answers.
    public func until(_ servers: [NameServer], check: @Sendable (NameServer) async throws -> String?) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var pending = servers
        while true {
            var behind: [(server: NameServer, answered: String)] = []
            for server in pending {
                if let answered = try await check(server) { behind.append((server, answered)) }
            }
            if behind.isEmpty { return }
            // A server that answered right once is not asked again: servers of one zone do not
            // take a value back.
            pending = behind.map(\.server)
            guard clock.now + interval < deadline else { throw PropagationTimeout(seconds: Int(timeout.components.seconds), behind: behind) }
            try await Task.sleep(for: interval)
        }
    }
}

/// Servers that still did not answer as wanted when the time was up.
public struct PropagationTimeout: Error, Sendable, CustomStringConvertible {
    public let seconds: Int
    public let behind: [(server: NameServer, answered: String)]

    /// `127.0.0.1:5353 answers 192.0.2.1; ns2:53 did not answer (…)`.
    public var answers: String {
        behind.map { "\($0.server) \($0.answered)" }.joined(separator: "; ")
    }

    public var servers: String { behind.map(\.server.description).joined(separator: ", ") }

    public var description: String { "after \(seconds) s, \(answers)" }
}
