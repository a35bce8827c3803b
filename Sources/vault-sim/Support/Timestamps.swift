import Foundation

/// Vault writes times as RFC 3339 with nanoseconds in UTC ("2018-03-22T02:24:06.945319214Z").
enum Timestamps {
    static func rfc3339(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        let nanos = Int(((interval - interval.rounded(.down)) * 1e9).rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let fraction = String(nanos).leftPadded(to: 9)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec)) + ".\(fraction)Z"
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
