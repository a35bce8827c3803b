import Foundation

/// All of the simulated OVH API, in memory: applications and consumer keys, zones and their
/// records, the simulated clock and the injected faults. One actor, so requests are served one
/// at a time against consistent state.
actor OVHServer {
    var applications: [String: SimApplication] = [:]
    var consumers: [String: SimConsumer] = [:]
    var zones: [String: SimZone] = [:]
    var faults = SimFaults()
    var carts: [String: SimCart] = [:]
    var registry = SimRegistry()
    /// Orders checked out, by id, and the domains the account holds (delivered orders).
    var orders: [Int: SimOrder] = [:]
    var ownedDomains: Set<String> = []
    var orderFaults = SimOrderFaults()
    /// Added to the host's clock: a test moves OVH's clock away from the client's.
    var clockSkewSeconds = 0
    var timeWindowSeconds = 180
    /// Record ids are large integers, like OVH's (1553644695…).
    private var lastID = 1_553_700_000

    var now: Int { Int(Date().timeIntervalSince1970) + clockSkewSeconds }

    func nextID() -> Int {
        lastID += 1
        return lastID
    }
}
