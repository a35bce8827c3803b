import Foundation
import GitSource

struct CommitSummary: Encodable {
    var id: String
    var summary: String
    var author: String
    var time: String

    init(_ info: CommitInfo) {
        id = info.id
        summary = info.summary
        author = info.author
        time = ISO8601DateFormatter().string(from: info.time)
    }
}
