import Foundation

/// The repositories of one bench run, by tenant count: each size is generated once and shared by
/// the measures that need it (the validate repository of 10,000 tenants is also the plan one).
final class GeneratedRepositories {
    private let generator: RepositoryGenerator
    private let work: WorkDirectory
    private(set) var bySize: [Int: GeneratedRepository] = [:]
    /// Observable models of the repositories whose desired state was loaded, in desired order.
    var models: [Int: [ModelTarget]] = [:]

    /// Repositories are `<work>/<name>-<tenants>`.
    private let name: String

    init(generator: RepositoryGenerator, work: WorkDirectory, name: String = "repo") {
        self.generator = generator
        self.work = work
        self.name = name
    }

    func repository(tenants count: Int) throws -> GeneratedRepository {
        if let existing = bySize[count] { return existing }
        let path = "\(work.path)/\(name)-\(count)"
        Progress.say("generating \(Formatting.count(count)) tenants in \(path)")
        let repository = try generator.generate(tenants: count, at: path)
        Progress.say("  written in \(Formatting.duration(repository.writeSeconds)), git add/commit\(repository.packed ? "/repack" : "") in \(Formatting.duration(repository.gitSeconds))")
        bySize[count] = repository
        return repository
    }
}

/// Progress lines on standard error (the report goes to standard output).
enum Progress {
    static func say(_ message: String) {
        FileHandle.standardError.write(Data("tenantctl-bench: \(message)\n".utf8))
    }
}
