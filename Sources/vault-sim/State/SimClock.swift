import Foundation

/// The simulator's notion of now: real time plus an offset that the admin API moves forward, so
/// that tests of TTLs and expiry advance the clock instead of sleeping.
struct SimClock: Sendable {
    private(set) var offset: TimeInterval = 0

    var now: Date { Date().addingTimeInterval(offset) }

    mutating func advance(seconds: Double) {
        offset += max(0, seconds)
    }
}
