/// Caps how many diagnostics are shown, so that one generated or corrupted file cannot bury the
/// report (447 MB of output was once printed for a single file) while the counts stay true.
public enum DiagnosticCap {
    /// Enough to fix a file in one pass; past this the rest are usually the same mistake repeated.
    public static let perFile = 50
    /// Enough for a whole-repository refactoring; CI logs stay readable.
    public static let total = 500

    /// The diagnostics to show, in order, with one "… and N more" line where some were left out.
    public static func capped(_ sorted: [Diagnostic], perFile: Int = perFile, total: Int = total) -> [Diagnostic] {
        // Each shown line with how many problems it stands for (1, or N for a summary line).
        var shown: [(diagnostic: Diagnostic, stands: Int)] = []
        var index = sorted.startIndex
        while index < sorted.endIndex {
            let file = sorted[index].location.file
            let end = sorted[index...].firstIndex { $0.location.file != file } ?? sorted.endIndex
            shown += sorted[index..<min(end, index + perFile)].map { ($0, 1) }
            if end - index > perFile {
                let omitted = sorted[(index + perFile)..<end].map { ($0, 1) }
                shown.append((summary(of: omitted, place: "in this file"), omitted.count))
            }
            index = end
        }
        guard shown.count > total else { return shown.map(\.diagnostic) }
        let omitted = Array(shown[total...])
        return shown.prefix(total).map(\.diagnostic) + [summary(of: omitted, place: "in this and later files")]
    }

    private static func summary(of omitted: [(diagnostic: Diagnostic, stands: Int)], place: String) -> Diagnostic {
        let count = omitted.reduce(0) { $0 + $1.stands }
        // A line standing for errors is an error, so that filters on severity keep it.
        let severity: Diagnostic.Severity = omitted.contains { $0.diagnostic.severity == .error } ? .error : .warning
        return Diagnostic(severity, at: omitted[0].diagnostic.location,
                          "… and \(count) more \(count == 1 ? "problem" : "problems") \(place), not shown (fix the ones above first)")
    }
}
