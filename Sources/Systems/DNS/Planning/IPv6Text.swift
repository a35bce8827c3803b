/// IPv6 addresses in their one canonical text (RFC 5952: lower case, no leading zeros, the
/// longest run of two or more zero groups as `::`), so that `2001:DB8:0:0::1` in a manifest and
/// `2001:db8::1` from a server compare equal instead of planning an update forever.
enum IPv6Text {
    /// The canonical text, or nil when `text` is not an IPv6 address (then compared as written).
    static func canonical(_ text: String) -> String? {
        guard text.utf8.count <= 45, text.contains(":") else { return nil }
        var groups: [UInt16] = []
        var text = Substring(text.lowercased())
        // An embedded IPv4 tail (`::ffff:192.0.2.1`) is two groups.
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            let octets = text[text.index(after: lastColon)...].split(separator: ".", omittingEmptySubsequences: false).compactMap { UInt8($0) }
            guard octets.count == 4 else { return nil }
            text = text[...lastColon] + "\(String(Int(octets[0]) << 8 | Int(octets[1]), radix: 16)):\(String(Int(octets[2]) << 8 | Int(octets[3]), radix: 16))"
        }
        var halves = [String(text)]
        if let gap = text.firstRange(of: "::") {
            halves = [String(text[..<gap.lowerBound]), String(text[gap.upperBound...])]
            guard !halves[1].contains("::") else { return nil }
        }
        func parse(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for piece in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = parse(halves[0]) else { return nil }
        if halves.count == 2 {
            guard let tail = parse(halves[1]), head.count + tail.count <= 7 else { return nil }
            groups = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard head.count == 8 else { return nil }
            groups = head
        }
        // The longest run of zero groups (the first of equal ones), if two or more long.
        var best = (start: -1, length: 0)
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else { index += 1; continue }
            var end = index
            while end < 8, groups[end] == 0 { end += 1 }
            if end - index > best.length { best = (index, end - index) }
            index = end
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.length >= 2 else { return hex.joined(separator: ":") }
        let before = hex[..<best.start].joined(separator: ":")
        let after = hex[(best.start + best.length)...].joined(separator: ":")
        return before + "::" + after
    }
}
