/// Sends the record writes that arrive together for one zone as one batch.
///
/// The walker applies each `dns.upsert` on its own (so that each is retried, gated and skipped
/// on its own), and up to `--parallelism` of them are in flight at once. Sent one by one, 1,000
/// records cost 1,000 Route 53 `ChangeResourceRecordSets` (the API allows five requests a second
/// per account) or 1,000 `nsupdate` runs, where the API takes them in a few batches. Writes that
/// reach this client within `window` of each other are merged, and the provider splits the merged
/// batch at its own limits.
///
/// What a member sees does not change: its call returns once its own sets are written, and
/// throws if they were not. A merged batch that fails is not the failure of every member (one bad
/// value would fail its neighbours, and Route 53 applies a batch all or nothing): each member is
/// then sent again alone and gets its own answer, unless the failure is transient (throttled,
/// timed out), which every member gets, to be retried. Two writes to the same record set are never put
/// in one batch (the APIs refuse or reorder that); the later one waits for the next batch.
public actor CoalescingDNSClient: DNSProviderClient {
    private struct Member {
        let batch: DNSChangeBatch
        let continuation: CheckedContinuation<Void, any Error>
    }

    /// The provider client the batches are sent to.
    public nonisolated let wrapped: any DNSProviderClient
    private var client: any DNSProviderClient { wrapped }
    private let window: Duration
    private let maxMembers: Int
    private var pending: [String: [Member]] = [:]
    private var flushScheduled: Set<String> = []

    public nonisolated var kind: String { wrapped.kind }
    public nonisolated var needsPublish: Bool { wrapped.needsPublish }

    /// - Parameters:
    ///   - window: how long the first write of a zone waits for others (the walker starts the
    ///     ready changes together, so a few milliseconds gather them).
    ///   - maxMembers: a batch is sent at once when it holds this many writes.
    public init(wrapping client: any DNSProviderClient, window: Duration = .milliseconds(25), maxMembers: Int = 100) {
        self.wrapped = client
        self.window = window
        self.maxMembers = max(1, maxMembers)
    }

    public func listRecordSets(in zone: String) async throws -> ZoneListing {
        try await client.listRecordSets(in: zone)
    }

    public func publish(zone: String) async throws {
        try await client.publish(zone: zone)
    }

    public func apply(_ batch: DNSChangeBatch, to zone: String) async throws {
        guard !batch.entries.isEmpty else { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pending[zone, default: []].append(Member(batch: batch, continuation: continuation))
            if pending[zone]!.count >= maxMembers {
                let members = take(zone)
                Task { await self.send(members, to: zone) }
            } else if flushScheduled.insert(zone).inserted {
                let window = self.window
                Task {
                    try? await Task.sleep(for: window) // Cancellation only sends sooner.
                    await self.flush(zone)
                }
            }
        }
    }

    private func take(_ zone: String) -> [Member] {
        flushScheduled.remove(zone)
        return pending.removeValue(forKey: zone) ?? []
    }

    private func flush(_ zone: String) async {
        let members = take(zone)
        if !members.isEmpty { await send(members, to: zone) }
    }

    /// Sends `members` in as few batches as their record sets allow (a set written twice goes
    /// into a later batch), each answered as described above.
    private func send(_ members: [Member], to zone: String) async {
        for group in Self.groups(members) {
            do {
                try await client.apply(DNSChangeBatch(group.flatMap(\.batch.entries)), to: zone)
                for member in group { member.continuation.resume() }
            } catch let error as DNSProviderError where error.kind == .transient {
                // Throttled, timed out, 5xx: sending each alone would multiply the calls the
                // provider is refusing; every member's change is retried by the walker instead.
                for member in group { member.continuation.resume(throwing: error) }
            } catch where group.count > 1 {
                await withTaskGroup(of: Void.self) { tasks in
                    for member in group {
                        tasks.addTask { [wrapped] in
                            do {
                                try await wrapped.apply(member.batch, to: zone)
                                member.continuation.resume()
                            } catch {
                                member.continuation.resume(throwing: error)
                            }
                        }
                    }
                }
            } catch {
                group[0].continuation.resume(throwing: error)
            }
        }
    }

    /// Batches sent in order, in none of which two members write the same record set (name and
    /// type): a member goes into the first batch after the last one that writes any of its sets,
    /// so a set written twice is written in the order the writes came.
    private static func groups(_ members: [Member]) -> [[Member]] {
        var groups: [[Member]] = []
        var written: [Set<String>] = []
        for member in members {
            let keys = Set(member.batch.entries.map { "\($0.recordSet.name) \($0.recordSet.type)" })
            let index = (written.lastIndex { !$0.isDisjoint(with: keys) } ?? -1) + 1
            if index == groups.count {
                groups.append([])
                written.append([])
            }
            groups[index].append(member)
            written[index].formUnion(keys)
        }
        return groups
    }
}
