import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock time and the way Juju prints it.
enum SimClock {
    static func now() -> Double { Date().timeIntervalSince1970 }

    /// Go's `02 Jan 2006 15:04:05Z07:00`, in UTC (Go writes the UTC offset as `Z`).
    static func since(_ time: Double) -> String { format(time, "%d %b %Y %H:%M:%SZ") }

    /// `controller.timestamp`: time of day only.
    static func timeOfDay(_ time: Double) -> String { format(time, "%H:%M:%SZ") }

    static func format(_ time: Double, _ pattern: String) -> String {
        var seconds = time_t(time.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var buffer = [Int8](repeating: 0, count: 64)
        let length = strftime(&buffer, buffer.count, pattern, &parts)
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
