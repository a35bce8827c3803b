/// The checks of `POST /hooks/gitlab`, apart from HTTP: the secret token, compared in constant
/// time, and which GitLab events are worth a look.
public struct WebhookGate: Sendable {
    /// The most a webhook body may hold. GitLab's push payloads list at most 20 commits; a
    /// megabyte is generous, and a body is never needed for the decision anyway.
    public static let maximumBodyBytes = 1 << 20

    public enum Verdict: Sendable, Equatable {
        /// No token, or the wrong one: 401, no run.
        case unauthorized
        /// A push or a merge request: look now.
        case look(event: String)
        /// Anything else (tag pushes, notes, pipelines…): answered 202, ignored.
        case ignored(event: String)
    }

    private let token: [UInt8]?

    /// - Parameter token: the shared secret (X-Gitlab-Token); nil or empty refuses every hook.
    public init(token: String?) {
        self.token = token.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
    }

    public var acceptsHooks: Bool { token != nil }

    public func judge(token presented: String?, event: String?) -> Verdict {
        guard let token, let presented, Self.constantTimeEqual(Array(presented.utf8), token) else { return .unauthorized }
        let event = event ?? ""
        switch event {
        case "Push Hook", "Merge Request Hook": return .look(event: event)
        default: return .ignored(event: event)
        }
    }

    /// Equal bytes, in a time that depends on the lengths only, never on where they differ: a
    /// caller timing the answers learns nothing about the token's content.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference: UInt8 = a.count == b.count ? 0 : 1
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
