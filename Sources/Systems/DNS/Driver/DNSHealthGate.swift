import DNSPlanning
import Foundation
import Reconciler

/// After a write, the zone's authoritative servers (``AuthoritativeServers``) are asked directly
/// until they answer the new value: a `dns.upsert` passes when every server answers exactly
/// the written set, a `dns.delete` when none answers a removed value any more. Past the
/// timeout the change fails as a transient error that names the zone, the record and what each
/// server answered, so the walker retries it and then skips its dependents (certificates).
struct DNSHealthGate: Sendable {
    var wait: PropagationWait
    var runner = ProcessRunner()

    init(timeout: Duration, interval: Duration = .milliseconds(500)) {
        wait = PropagationWait(timeout: timeout, interval: interval)
    }

    /// Every server answers each set's values, no more and no fewer.
    func served(_ sets: [DNSRecordSet], zone: String, servers: [NameServer]) async throws {
        for set in sets {
            let wanted = Set(set.values)
            try await check(set, zone: zone, servers: servers, wanted: "\(set.values.joined(separator: ", "))") { answer in
                answer == wanted
            }
        }
    }

    /// No server answers any value of the removed sets.
    func gone(_ sets: [DNSRecordSet], zone: String, servers: [NameServer]) async throws {
        for set in sets {
            let removed = Set(set.values)
            try await check(set, zone: zone, servers: servers, wanted: "none of \(set.values.joined(separator: ", "))") { answer in
                answer.isDisjoint(with: removed)
            }
        }
    }

    private func check(_ set: DNSRecordSet, zone: String, servers: [NameServer], wanted: String,
                       passes: @escaping @Sendable (Set<String>) -> Bool) async throws {
        do {
            try await wait.until(servers) { [runner] server in
                switch await AuthoritativeQuery.ask(server, name: set.name, type: set.type, runner: runner) {
                case let .values(values) where passes(values): return nil
                case let answer: return answer.description
                }
            }
        } catch let timeout as PropagationTimeout {
            throw DNSProviderError(.transient, "DNS health gate: zone \(zone): \(set.name) \(set.type) should answer \(wanted), but after \(timeout.seconds) s \(timeout.answers) (the provider accepted the change; the zone's authoritative servers do not serve it)")
        }
    }
}
