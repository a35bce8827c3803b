import Foundation

/// The difference between OVH's clock and ours, read once from `GET /auth/time` per client (as
/// python-ovh does): a signature carries OVH's time, and OVH refuses one outside a short window.
/// Concurrent first requests share one read. `reset` forgets it after OVH said "out of time".
actor OVHClockOffset {
    private var offset: Int?
    private var pending: Task<Int, any Error>?

    func seconds(_ read: @escaping @Sendable () async throws -> Int) async throws -> Int {
        if let offset { return offset }
        if let pending { return try await pending.value }
        let task = Task { try await read() }
        pending = task
        defer { pending = nil }
        let value = try await task.value
        offset = value
        return value
    }

    func reset() {
        offset = nil
    }
}
