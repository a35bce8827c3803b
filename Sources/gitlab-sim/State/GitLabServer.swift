import Foundation

/// The simulated GitLab: users and their tokens, projects with merge requests, commit statuses
/// and notes, in memory. One actor, so every request sees a consistent state.
actor GitLabServer {
    private(set) var users: [SimUser] = []
    private var tokens: [String: SimUser] = [:]
    private var jobTokens: Set<String> = []
    private(set) var projects: [SimProject] = []
    var statuses: [SimStatus] = []
    var notes: [SimNote] = []
    var faults = SimFaults()
    private var nextID = 1000
    /// Notes are dated one second apart, so "oldest first" is well defined in tests.
    private var clock = Date(timeIntervalSince1970: 1_764_000_000)

    func apply(config: SimConfig) {
        users = config.users.map { SimUser(id: $0.id, username: $0.username, name: $0.name ?? $0.username) }
        tokens = [:]
        for (user, seed) in zip(users, config.users) { for token in seed.tokens { tokens[token] = user } }
        jobTokens = Set(config.jobTokens)
        projects = config.projects.map {
            SimProject(id: $0.id, path: $0.path, defaultBranch: $0.defaultBranch ?? "main", mergeRequests: Set($0.mergeRequests ?? [1]))
        }
    }

    func newID() -> Int {
        nextID += 1
        return nextID
    }

    func now() -> Date {
        clock = clock.addingTimeInterval(1)
        return clock
    }

    enum Caller { case user(SimUser), job, anonymous, invalid }

    /// Who the request is from: `PRIVATE-TOKEN`, `Authorization: Bearer`, the `private_token`
    /// query parameter, or `JOB-TOKEN`.
    func caller(_ request: SimRequest) -> Caller {
        if let token = request.header("PRIVATE-TOKEN") ?? request.header("Authorization").flatMap(Self.bearer) ?? request.query["private_token"] {
            return tokens[token].map(Caller.user) ?? .invalid
        }
        if let token = request.header("JOB-TOKEN") ?? request.query["job_token"] {
            return jobTokens.contains(token) ? .job : .invalid
        }
        return .anonymous
    }

    private static func bearer(_ value: String) -> String? {
        value.lowercased().hasPrefix("bearer ") ? String(value.dropFirst(7)).trimmingCharacters(in: .whitespaces) : nil
    }

    /// A project by numeric id or by full path (the decoded `group%2Fproject` segment).
    func project(_ id: String) -> SimProject? {
        if let number = Int(id) { return projects.first { $0.id == number } }
        return projects.first { $0.path == id }
    }

    func user(named username: String) -> SimUser {
        if let user = users.first(where: { $0.username == username }) { return user }
        let user = SimUser(id: 9000 + users.count, username: username, name: username)
        users.append(user)
        return user
    }

    func addMergeRequest(project id: Int, iid: Int) {
        guard let index = projects.firstIndex(where: { $0.id == id }) else { return }
        projects[index].mergeRequests.insert(iid)
    }

    func setFaults(_ faults: SimFaults) { self.faults = faults }
    func nextFault() -> SimResponse? { faults.next() }
    var latency: Int { faults.latencyMilliseconds }
}
