import Foundation

/// Reads JSON text value by value, for the one file where Foundation's `JSONDecoder` was the
/// bottleneck: an observation snapshot of 10,000 tenants is 85 MB, and decoding it through
/// `Decodable` was the largest part of `plan --observed` (a tree of the whole file, then a keyed
/// container, a dictionary and a coding path per object). A system that reads its observation
/// with it reads the shapes its `Encodable` writes; strict JSON (RFC 8259) only.
public struct JSONScanner {
    public struct Failure: Error, CustomStringConvertible {
        public let offset: Int
        public let reason: String
        public var description: String { "JSON at byte \(offset): \(reason)" }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    public private(set) var position: Int

    /// Reads `bytes`, which must outlive the scanner (see `scan(_:_:)`).
    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        position = 0
    }

    /// Runs `body` with a scanner over the bytes of `data`.
    public static func scan<Result>(_ data: Data, _ body: (inout JSONScanner) throws -> Result) throws -> Result {
        try data.withUnsafeBytes { raw in
            var scanner = JSONScanner(raw.bindMemory(to: UInt8.self))
            let result = try body(&scanner)
            scanner.skipWhitespace()
            guard scanner.position == scanner.bytes.count else { throw scanner.failure("unexpected text after the value") }
            return result
        }
    }

    public func failure(_ reason: String) -> Failure { Failure(offset: position, reason: reason) }

    // MARK: structure

    /// Calls `member` with each key of an object, the scanner before its value; `member` must
    /// read or skip that value.
    public mutating func object(_ member: (inout JSONScanner, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { position += 1; return }
        while true {
            skipWhitespace()
            let key = try string()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            skipWhitespace()
            switch next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return
            default: position -= 1; throw failure("expected ',' or '}' in an object")
            }
        }
    }

    /// Calls `element` for each element of an array, the scanner before it.
    public mutating func array(_ element: (inout JSONScanner) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { position += 1; return }
        while true {
            try element(&self)
            skipWhitespace()
            switch next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return
            default: position -= 1; throw failure("expected ',' or ']' in an array")
            }
        }
    }

    /// The byte range of the next value, skipped.
    public mutating func skipValue() throws -> Range<Int> {
        skipWhitespace()
        let start = position
        switch peek() {
        case UInt8(ascii: "{"): try object { scanner, _ in _ = try scanner.skipValue() }
        case UInt8(ascii: "["): try array { scanner in _ = try scanner.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try numberText()
        }
        return start..<position
    }

    /// An object with free keys, each value read by `value`.
    public mutating func dictionary<Value>(_ value: (inout JSONScanner) throws -> Value) throws -> [String: Value] {
        var result: [String: Value] = [:]
        try object { scanner, key in result[key] = try value(&scanner) }
        return result
    }

    /// An array, each element read by `element`.
    public mutating func list<Element>(_ element: (inout JSONScanner) throws -> Element) throws -> [Element] {
        var result: [Element] = []
        try array { scanner in result.append(try element(&scanner)) }
        return result
    }

    /// nil for `null`, else the value `value` reads.
    public mutating func optional<Value>(_ value: (inout JSONScanner) throws -> Value) throws -> Value? {
        if null() { return nil }
        return try value(&self)
    }

    /// A field an object must have had.
    public func required<Value>(_ value: Value?, _ key: String) throws -> Value {
        guard let value else { throw failure("missing '\(key)'") }
        return value
    }

    /// A copy of the bytes in `range` (from `skipValue()`), for a decoder of another kind.
    public func data(of range: Range<Int>) -> Data {
        Data(UnsafeBufferPointer(rebasing: bytes[range]))
    }

    // MARK: values

    /// Whether the next value is a string.
    public mutating func nextIsString() -> Bool {
        skipWhitespace()
        return peek() == UInt8(ascii: "\"")
    }

    /// True when the next value is `null`, which is then consumed.
    public mutating func null() -> Bool {
        skipWhitespace()
        guard position + 4 <= bytes.count, bytes[position] == UInt8(ascii: "n"), bytes[position + 1] == UInt8(ascii: "u"),
              bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "l") else { return false }
        position += 4
        return true
    }

    public mutating func bool() throws -> Bool {
        skipWhitespace()
        if peek() == UInt8(ascii: "t") { try literal("true"); return true }
        try literal("false")
        return false
    }

    /// The next value when it is a boolean; else nothing is consumed.
    public mutating func boolIfPresent() throws -> Bool? {
        skipWhitespace()
        guard peek() == UInt8(ascii: "t") || peek() == UInt8(ascii: "f") else { return nil }
        return try bool()
    }

    public mutating func int() throws -> Int {
        let text = try numberText()
        guard let value = Int(text) else { throw failure("'\(text)' is not a whole number that fits") }
        return value
    }

    /// The text of the next number, as written (`Int(_:)` or `Double(_:)` judge it).
    public mutating func numberText() throws -> String {
        skipWhitespace()
        let start = position
        while position < bytes.count, Self.isNumberByte(bytes[position]) { position += 1 }
        guard position > start else { throw failure("expected a value") }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    public mutating func string() throws -> String {
        skipWhitespace()
        try expect(UInt8(ascii: "\""))
        let start = position
        // The common case, no escape: one copy of the bytes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw failure("a control character in a string") }
            position += 1
        }
        var utf8 = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try unescape(into: &utf8)
            case 0..<0x20:
                position -= 1
                throw failure("a control character in a string")
            default:
                utf8.append(byte)
            }
        }
        throw failure("a string does not end")
    }

    // MARK: helpers

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): true
        default: false
        }
    }

    private mutating func unescape(into utf8: inout [UInt8]) throws {
        guard position < bytes.count else { throw failure("a string does not end") }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate: its low half must follow as another \u escape.
                guard position + 2 <= bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw failure("a lone surrogate in a string")
                }
                position += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("a lone surrogate in a string") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw failure("a lone surrogate in a string")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw failure("an invalid \\u escape") }
            UTF8.encode(unicode) { utf8.append($0) }
        default:
            position -= 1
            throw failure("an invalid escape in a string")
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("a \\u escape is cut short") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("an invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw failure("expected \(word)") }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] {
            throw failure("expected \(word)")
        }
        position += count
    }

    private mutating func expect(_ byte: UInt8) throws {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else {
            throw failure("expected '\(Character(Unicode.Scalar(byte)))'")
        }
        position += 1
    }

    public mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func next() -> UInt8? {
        guard position < bytes.count else { return nil }
        position += 1
        return bytes[position - 1]
    }
}
