import Foundation

/// Record sets carried in a change's parameters (the sets an upsert replaces or a delete
/// removes, as observed: some APIs delete only by repeating the record exactly), as JSON text.
public enum RecordSetCoding {
    public static func encode(_ set: DNSRecordSet) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(set)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    public static func decode(_ text: String) -> DNSRecordSet? {
        try? JSONDecoder().decode(DNSRecordSet.self, from: Data(text.utf8))
    }
}
