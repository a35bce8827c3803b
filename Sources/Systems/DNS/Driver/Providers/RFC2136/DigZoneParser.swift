import DNSPlanning
import Foundation
import TenantCore

/// Reads `dig AXFR +noall +answer` output: one record per line, `name ttl class type rdata`,
/// with dig's presentation escapes. Hostile input is normal input: every line is bounded, a
/// line that does not parse makes the whole listing fail (a partial zone is never used).
enum DigZoneParser {
    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    /// The most records a zone listing may hold: far above any tenant zone, low enough that a
    /// runaway answer cannot take the host's memory.
    static let maxRecords = 200_000
    static let maxLineLength = 70_000

    static func parse(_ text: String, zone: String) throws -> ZoneListing {
        var grouped: [DNSRecordKey: (ttl: Int, values: Set<String>)] = [:]
        var serial: String?
        var count = 0
        var sawSOA = false
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            guard let record = try record(rawLine) else { continue }
            count += 1
            guard count <= maxRecords else { throw ParseError(description: "the zone holds more than \(maxRecords) records") }
            if record.key.type == "SOA" {
                sawSOA = true
                let parts = record.value.split(separator: " ")
                if parts.count >= 3, record.key.name == DNSName.normalized(zone) { serial = String(parts[2]) }
            }
            var entry = grouped[record.key] ?? (record.ttl, [])
            entry.ttl = min(entry.ttl, record.ttl)
            entry.values.insert(record.value)
            grouped[record.key] = entry
        }
        // A transfer always starts and ends with the SOA: without it the answer is not a zone.
        guard sawSOA else { throw ParseError(description: "the zone transfer holds no SOA record: the server did not send the zone") }
        let sets = grouped.map { DNSRecordSet(name: $0.key.name, type: $0.key.type, ttl: $0.value.ttl, values: Array($0.value.values)) }
        return ZoneListing(recordSets: sets, serial: serial)
    }

    /// One answer line, its value normalized as listings are (TXT unquoted, CNAME targets and
    /// names absolute without the dot, AAAA lower case); nil for blank and comment lines. Shared
    /// by zone transfers and by the queries of authoritative servers, so that both compare equal.
    static func record(_ rawLine: Substring) throws -> (key: DNSRecordKey, ttl: Int, value: String)? {
        let line = rawLine.trimmingCharacters(in: .whitespaces)
        if line.isEmpty || line.hasPrefix(";") { return nil }
        guard line.utf8.count <= maxLineLength else { throw ParseError(description: "an answer line is longer than \(maxLineLength) bytes") }
        let fields = splitFields(line, limit: 4)
        guard fields.count == 5, let ttl = Int(fields[1]), ttl >= 0 else {
            throw ParseError(description: "unreadable answer line: \(Printable.short(line))")
        }
        let type = fields[3].uppercased()
        let rdata = fields[4]
        let value: String
        switch type {
        case "TXT", "SPF": value = try ZoneFileText.unquote(rdata)
        case "CNAME": value = DNSName.normalized(unescapeName(rdata))
        case "SOA": value = splitFields(rdata, limit: 7).joined(separator: " ")
        case "AAAA": value = rdata.lowercased()
        default: value = splitFields(rdata, limit: Int.max).joined(separator: " ")
        }
        return (DNSRecordKey(name: unescapeName(fields[0]), type: type), ttl, value)
    }

    /// Splits at runs of blanks, outside double quotes; the last field keeps the rest of the line.
    static func splitFields(_ line: String, limit: Int) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if fields.count == limit {
                fields.append(String(line[index...]).trimmingCharacters(in: .whitespaces))
                return fields
            }
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                current.append(character)
                escaped = true
            } else if character == "\"" {
                current.append(character)
                quoted.toggle()
            } else if (character == " " || character == "\t") && !quoted {
                if !current.isEmpty { fields.append(current); current = "" }
            } else {
                current.append(character)
            }
            index = line.index(after: index)
        }
        if !current.isEmpty { fields.append(current) }
        return fields
    }

    /// Owner names may carry `\DDD` and `\X` escapes; tenantctl's names are plain, others are
    /// kept as their unescaped text so that they compare and print.
    static func unescapeName(_ name: String) -> String {
        guard name.contains("\\") else { return name }
        return (try? ZoneFileText.unescape(Substring(name))).map { String(decoding: $0, as: UTF8.self) } ?? name
    }
}

/// TXT data in presentation format: one or more `"…"` strings (or bare words), with `\"`, `\\`
/// and `\DDD` escapes.
enum ZoneFileText {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    /// The text of a TXT record: its strings unescaped and joined (a long text is split into
    /// strings of at most 255 bytes when written, and joined again when read).
    static func unquote(_ rdata: String) throws -> String {
        var bytes: [UInt8] = []
        var index = rdata.startIndex
        while index < rdata.endIndex {
            let character = rdata[index]
            if character == " " || character == "\t" { index = rdata.index(after: index); continue }
            if character == "\"" {
                var end = rdata.index(after: index)
                var escaped = false
                while end < rdata.endIndex {
                    let c = rdata[end]
                    if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { break }
                    end = rdata.index(after: end)
                }
                guard end < rdata.endIndex else { throw Malformed(description: "a TXT string has no closing quote") }
                bytes += try unescape(rdata[rdata.index(after: index)..<end])
                index = rdata.index(after: end)
            } else {
                var end = index
                while end < rdata.endIndex, rdata[end] != " ", rdata[end] != "\t" { end = rdata.index(after: end) }
                bytes += try unescape(rdata[index..<end])
                index = end
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func unescape(_ text: Substring) throws -> [UInt8] {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            guard byte == UInt8(ascii: "\\") else { bytes.append(byte); i += 1; continue }
            guard i + 1 < utf8.count else { throw Malformed(description: "a TXT string ends with a lone backslash") }
            let next = utf8[i + 1]
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) {
                guard i + 3 < utf8.count else { throw Malformed(description: "a \\DDD escape is cut short") }
                let digits = utf8[(i + 1)...(i + 3)]
                guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                      let value = Int(String(decoding: digits, as: UTF8.self)), value <= 255
                else { throw Malformed(description: "a \\DDD escape is not a byte") }
                bytes.append(UInt8(value))
                i += 4
            } else {
                bytes.append(next)
                i += 2
            }
        }
        return bytes
    }

    /// `text` as TXT data for nsupdate: strings of at most 255 bytes, each quoted, with `"`,
    /// `\` and every byte outside printable ASCII escaped as `\DDD`.
    static func quote(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return "\"\"" }
        var strings: [String] = []
        var start = 0
        while start < bytes.count {
            let chunk = bytes[start..<min(start + 255, bytes.count)]
            var out = "\""
            for byte in chunk {
                switch byte {
                case UInt8(ascii: "\""): out += "\\\""
                case UInt8(ascii: "\\"): out += "\\\\"
                case 0x20...0x7e: out.append(Character(Unicode.Scalar(byte)))
                default: out += "\\" + String(format: "%03d", Int(byte))
                }
            }
            strings.append(out + "\"")
            start += 255
        }
        return strings.joined(separator: " ")
    }
}

extension Printable {
    /// A line of someone else's output, escaped and cut for a message.
    static func short(_ text: String) -> String {
        let cut = text.count > 120 ? String(text.prefix(120)) + "…" : text
        return escaped(cut)
    }
}
