/// Bounds the free text the journal keeps: a juju error can carry a whole bundle or a stack
/// trace, and a history that grows by megabytes per failed retry is useless to read.
enum JournalText {
    static let marker = "… [truncated]"

    /// `text` itself when it fits in `maximumBytes` of UTF-8, else its longest prefix that fits
    /// together with a marker, cut on a character boundary so the result stays valid text.
    static func bounded(_ text: String, maximumBytes: Int) -> String {
        guard text.utf8.count > maximumBytes else { return text }
        let budget = max(0, maximumBytes - marker.utf8.count)
        var kept = 0
        var end = text.startIndex
        for index in text.indices {
            let next = text.index(after: index)
            let size = text.utf8.distance(from: index, to: next)
            if kept + size > budget { break }
            kept += size
            end = next
        }
        return String(text[..<end]) + marker
    }
}
