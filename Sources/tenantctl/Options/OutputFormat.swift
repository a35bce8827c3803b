import ArgumentParser

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    case yaml
    case json
}
