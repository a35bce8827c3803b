/// What one manifest file may cost to read, so that a file pushed to git (by mistake or on
/// purpose) can never hang a CI job or the daemon, nor exhaust its memory.
///
/// Real manifests are a few kilobytes: the largest published bundle we read (Kubeflow) is 12 KB.
public struct ManifestLimits: Sendable, Equatable {
    /// Files larger than this are reported and not parsed.
    public var maxFileSize: Int
    /// Deepest nesting of mappings and lists; Yams composes nodes recursively, so a file of ten
    /// thousand `[` would overflow the stack.
    public var maxDepth: Int

    public static let defaultMaxFileSize = 1 << 20
    public static let `default` = ManifestLimits(maxFileSize: defaultMaxFileSize, maxDepth: 100)

    public init(maxFileSize: Int, maxDepth: Int = 100) {
        self.maxFileSize = maxFileSize
        self.maxDepth = maxDepth
    }

    /// Nodes a file may expand to once aliases (`*name`) are replaced by what they point at. A
    /// file without aliases never holds more nodes than half its bytes, so this budget refuses
    /// only documents that multiply themselves through aliases (the "billion laughs").
    public var maxNodes: Int { max(1_000_000, maxFileSize) }

    /// `1048576`, `512K`, `4M` (binary units, like `ls -h`); nil when the text is none of these.
    public static func parseSize(_ text: String) -> Int? {
        var digits = Substring(text.trimmingCharacters(in: .whitespaces))
        var unit = 1
        switch digits.last {
        case "K", "k": unit = 1 << 10
        case "M", "m": unit = 1 << 20
        case "G", "g": unit = 1 << 30
        default: break
        }
        if unit != 1 { digits = digits.dropLast() }
        guard let number = Int(digits), number > 0 else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: unit)
        return overflow ? nil : bytes
    }

    /// `1 MiB`, `512 KiB`, `300 bytes`: how limits are named in messages.
    public static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
