/// Vault's TTL parameters: a number of seconds (JSON number or digits) or a Go duration string
/// such as "1h30m", "45m", "3600s", "1.5h".
enum VaultDuration {
    static func seconds(_ value: JSONValue?) -> Int? {
        guard let value else { return nil }
        if let number = value.intValue { return number }
        guard case .string(let text) = value else { return nil }
        return seconds(text)
    }

    static func seconds(_ text: String) -> Int? {
        if text.isEmpty { return nil }
        if let number = Int(text) { return number }
        let units: [String: Double] = ["ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600, "d": 86400]
        var total = 0.0, number = "", unit = ""
        func flush() -> Bool {
            guard let amount = Double(number), let factor = units[unit] else { return false }
            total += amount * factor
            number = ""; unit = ""
            return true
        }
        for character in text {
            if character.isNumber || character == "." {
                if !unit.isEmpty { guard flush() else { return nil } }
                number.append(character)
            } else {
                unit.append(character)
            }
        }
        guard flush() else { return nil }
        return Int(total.rounded())
    }

    /// Go's `time.Duration.String()` for whole seconds, as Vault prints TTLs in warnings ("768h0m0s").
    static func goString(_ seconds: Int) -> String {
        if seconds == 0 { return "0s" }
        let hours = seconds / 3600, minutes = (seconds % 3600) / 60, secs = seconds % 60
        if hours > 0 { return "\(hours)h\(minutes)m\(secs)s" }
        if minutes > 0 { return "\(minutes)m\(secs)s" }
        return "\(secs)s"
    }
}
