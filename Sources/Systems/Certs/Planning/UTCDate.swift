/// Dates as the plan prints them (`2026-12-01 09:30 UTC`), computed without a calendar or a
/// clock: the civil-from-days algorithm (H. Hinnant), so that planning stays pure and the same
/// everywhere.
public enum UTCDate {
    public static func text(_ seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondsOfDay = seconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day)) \(two(secondsOfDay / 3600)):\(two(secondsOfDay % 3600 / 60)) UTC"
    }

    /// `12 days`, `5 hours`, `40 minutes`, `45 seconds`: a duration as the plan prints it
    /// (seconds for the short-lived certificates of test CAs, such as the demo's pebble).
    public static func span(_ seconds: Int) -> String {
        let seconds = max(0, seconds)
        if seconds >= 2 * 86_400 { return "\(seconds / 86_400) days" }
        if seconds >= 2 * 3600 { return "\(seconds / 3600) hours" }
        if seconds >= 2 * 60 { return "\(seconds / 60) minutes" }
        return "\(seconds) seconds"
    }
}
