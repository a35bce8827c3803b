import PlanModel

/// The note's Markdown under the marker: the plan's rendering, cut to fit GitLab's note limit
/// (the whole plan stays in the job's plan.json artifact).
enum PlanNote {
    static let limit = 900_000

    static func body(_ plan: Plan) -> String {
        let text = PlanMarkdownRenderer.render(plan, marker: nil)
        guard text.count > limit else { return text }
        // At a line's end: a cut inside a character reference or a tag would show its pieces.
        var cut = String(text.prefix(limit))
        if let lastLine = cut.lastIndex(of: "\n") { cut = String(cut[..<lastLine]) }
        // Close an open collapsible section so the rest of the thread renders normally.
        if cut.components(separatedBy: "<details>").count > cut.components(separatedBy: "</details>").count { cut += "\n\n</details>" }
        return cut + "\n\n**The plan is too long for a note: see the job's plan.json artifact for the rest.**\n"
    }
}
