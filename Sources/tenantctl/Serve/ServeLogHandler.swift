import Foundation
import Logging

/// `--log-format`: one line per event, for a person (text) or a log pipeline (JSON lines).
enum LogFormat: String, Sendable, CaseIterable {
    case text, json
}

/// swift-log's handler for the daemon: every record is one line on standard error, its metadata
/// as `key=value` (text) or JSON fields. Callers only ever put names, ids, outcomes and redacted
/// errors in metadata: the journal's rule, no secret value.
struct ServeLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    let format: @Sendable () -> LogFormat

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let level = event.level, message = event.message
        let fields = metadata.merging(event.metadata ?? [:]) { $1 }
        let time = Self.timestamp()
        let text: String
        switch format() {
        case .text:
            let pairs = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoted("\($0.value)"))" }
            text = ([time, level.rawValue, Self.oneLine(message.description)] + pairs).joined(separator: " ")
        case .json:
            var object: [String: String] = ["time": time, "level": level.rawValue, "message": message.description]
            for (key, value) in fields where object[key] == nil { object[key] = "\(value)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            text = String(decoding: data, as: UTF8.self)
        }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    /// A value with spaces, quotes or newlines is quoted, so one record stays one line.
    private static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else { return value }
        return "\"" + oneLine(value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")) + "\""
    }

    private static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }
}
