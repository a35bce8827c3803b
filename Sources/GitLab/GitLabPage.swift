import HTTPClient

/// GitLab's offset pagination: `per_page` (at most 100) in the query, and the next page's
/// number in `X-Next-Page` (empty on the last page). `Link` is ignored: it repeats the same.
enum GitLabPage {
    static let maxPerPage = 100
    /// Guards against a server that always answers a next page.
    static let maxPages = 1000

    static func next(_ response: HTTPResponse) -> Int? {
        guard let text = response.headers["X-Next-Page"]?.trimmingCharacters(in: .whitespaces), let page = Int(text), page > 0 else { return nil }
        return page
    }
}

import Foundation
