import Foundation

/// GitLab's offset pagination: `page` (from 1) and `per_page` (default 20, at most 100), answered
/// with `X-Page`, `X-Per-Page`, `X-Total`, `X-Total-Pages`, `X-Next-Page`, `X-Prev-Page` (empty
/// when there is none) and a `Link` header with `prev`, `next`, `first` and `last`.
enum Pagination {
    static func page(_ items: [[String: Any]], _ request: SimRequest) -> SimResponse {
        let perPage = min(100, max(1, Int(request.query["per_page"] ?? "") ?? 20))
        let page = max(1, Int(request.query["page"] ?? "") ?? 1)
        let total = items.count
        let pages = max(1, (total + perPage - 1) / perPage)
        let start = min(total, (page - 1) * perPage)
        let slice = Array(items[start..<min(total, start + perPage)])
        let next = page < pages ? String(page + 1) : ""
        let prev = page > 1 && page <= pages + 1 ? String(page - 1) : ""
        func link(_ number: Int, _ rel: String) -> String {
            var query = request.query
            query["page"] = String(number)
            query["per_page"] = String(perPage)
            let text = query.keys.sorted().map { "\(escape($0))=\(escape(query[$0] ?? ""))" }.joined(separator: "&")
            return "<\(request.baseURL)\(request.rawPath)?\(text)>; rel=\"\(rel)\""
        }
        var links: [String] = []
        if !prev.isEmpty { links.append(link(page - 1, "prev")) }
        if !next.isEmpty { links.append(link(page + 1, "next")) }
        links += [link(1, "first"), link(pages, "last")]
        return .json(slice, headers: [
            ("X-Page", String(page)), ("X-Per-Page", String(perPage)), ("X-Total", String(total)),
            ("X-Total-Pages", String(pages)), ("X-Next-Page", next), ("X-Prev-Page", prev),
            ("Link", links.joined(separator: ", ")),
        ])
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? text
    }
}
