import Foundation

/// Human-readable figures for the table.
enum Formatting {
    static func duration(_ seconds: Double) -> String {
        seconds < 1 ? String(format: "%.1f ms", seconds * 1000) : String(format: "%.2f s", seconds)
    }

    static func bytes(_ count: Double) -> String {
        if abs(count) >= 1024 * 1024 { return String(format: "%.1f MiB", count / 1024 / 1024) }
        if abs(count) >= 1024 { return String(format: "%.1f KiB", count / 1024) }
        return String(format: "%.0f B", count)
    }

    static func ratio(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    /// 10000 → "10,000".
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }
}
