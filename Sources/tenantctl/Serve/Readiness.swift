/// `/readyz`: ready once the repository and the state store could be read, by the last look that
/// tried. Each says why not, in words without secrets (redacted URLs, paths).
actor Readiness {
    private var repository: String? = "the repository has not been read yet"
    private var store: String? = "the state store has not been opened yet"

    func repository(_ problem: String?) { repository = problem }
    func store(_ problem: String?) { store = problem }

    func problems() -> [String] { [repository, store].compactMap { $0 } }
}
