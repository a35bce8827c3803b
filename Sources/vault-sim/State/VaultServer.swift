import Foundation

/// All of the simulated Vault, in memory: namespaces with their KV mounts, tokens, policies,
/// AppRoles, the seal and health state, injected faults and the simulated clock. One actor, so
/// requests are served one at a time against consistent state.
actor VaultServer {
    let rootToken: String
    var clock = SimClock()
    var status = ServerStatus()
    var faults = Faults()
    var namespaces: [String: NamespaceState] = ["": NamespaceState()]
    var tokens: [String: SimToken] = [:]
    var policies = PolicySet()
    var approles: [String: AppRole] = [:]

    init(rootToken: String) {
        self.rootToken = rootToken
        let root = SimToken.make(id: rootToken, namespace: "", policies: ["root"], ttl: 0, maxTTL: 0, renewable: false,
                                 displayName: "root", path: "auth/token/root", now: Date())
        tokens[rootToken] = root
    }

    var now: Date { clock.now }

    var latency: Int { faults.latencyMilliseconds }

    func addToken(_ token: SimToken) { tokens[token.id] = token }

    /// How the request log names a token: its display name, never the token.
    func displayName(ofToken id: String) -> String? {
        tokens[id].map { $0.displayName.replacingOccurrences(of: " ", with: "_") }
    }

    func addNamespace(_ path: String, mounts: [String] = ["secret"]) {
        let name = NamespaceState.normalize(path)
        if namespaces[name] == nil { namespaces[name] = NamespaceState(mounts: mounts) }
    }
}
