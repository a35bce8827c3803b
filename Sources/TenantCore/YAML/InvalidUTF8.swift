/// Where a file stops being UTF-8, so the error points at the byte (an editor's "save as
/// Latin-1" puts it on the line with the accent), not at the start of the file.
enum InvalidUTF8 {
    /// The first byte that starts no valid UTF-8 sequence, with its 1-based line and column
    /// (counted in characters, like libyaml's columns).
    static func firstError(in bytes: [UInt8]) -> (byte: UInt8, line: Int, column: Int) {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0, line = 1, column = 1
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                offset += UTF8.width(scalar)
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                return (bytes.last ?? 0, line, column)
            case .error:
                return (offset < bytes.count ? bytes[offset] : 0, line, column)
            }
        }
    }
}
