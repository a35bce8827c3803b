import ArgumentParser

enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    /// A GitLab merge-request note.
    case markdown
    /// `{"create": n, "update": n, "delete": n}` for GitLab's merge-request widget.
    case gitlab
}
