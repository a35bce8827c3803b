// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tenantctl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tenantctl", targets: ["tenantctl"]),
        .executable(name: "juju-sim", targets: ["juju-sim"]),
        .executable(name: "vault-sim", targets: ["vault-sim"]),
        .executable(name: "juju-replay", targets: ["juju-replay"]),
        .executable(name: "ovh-sim", targets: ["ovh-sim"]),
        .executable(name: "gitlab-sim", targets: ["gitlab-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // Already in Hummingbird's tree; named because vault-sim puts a handler in front of NIO's HTTP parser.
        .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.0.0"),
        // `tenantctl serve`: its /metrics (on swift-metrics and swift-atomics, already in the tree)
        // and the service group that orders its shutdown (already in Hummingbird's tree).
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        // Reads the certificates certbot wrote (names, dates, issuer, key type): already in the
        // graph through Hummingbird, so it costs no extra checkout.
        .package(url: "https://github.com/apple/swift-certificates", from: "1.0.0"),
    ],
    targets: [
        // libgit2 from Debian's libgit2-dev, found through pkg-config.
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // libcurl from Debian's libcurl4-openssl-dev, found through pkg-config: all outbound HTTP.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // The async HTTP client on libcurl (Vault, DNS provider APIs, GitLab): timeouts, TLS,
        // retries with Retry-After, response size limit, credential redaction.
        .target(name: "HTTPClient", dependencies: ["CCurl"], exclude: ["README.md"]),
        // Runs one request with HTTPClient in a process of its own, for the proxy-environment tests.
        .executableTarget(name: "http-probe", dependencies: ["HTTPClient"]),
        .testTarget(name: "HTTPClientTests", dependencies: ["HTTPClient", "http-probe"], resources: [.copy("Servers")]),
        // GitLab's REST API v4 on HTTPClient: commit statuses, merge request notes, the sticky note.
        .target(name: "GitLab", dependencies: ["HTTPClient"]),
        // Pure core: manifests, validation, resolution. No I/O beyond what callers hand in.
        .target(
            name: "TenantCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // Pure: changes, addresses, the plan and its policies, renderings, and the system contract's
        // planning half. Every system's planner builds on it.
        .target(name: "PlanModel", dependencies: ["TenantCore"]),
        .target(
            name: "GitSource",
            dependencies: ["CGit2"]
        ),
        // The generic engine: the system contract's driver half, the dependency-walking applier,
        // retries, the journal protocol, child processes. It knows no system by name.
        .target(name: "Reconciler", dependencies: ["PlanModel", "TenantCore", .product(name: "Crypto", package: "swift-crypto")]),

        // ---- Systems: one folder each under Sources/Systems, registered in Sources/Systems/Registry.
        // Juju: decoders of its JSON, the pure planner, the driver (observe, apply, health gates).
        .target(name: "Juju", dependencies: ["TenantCore", .product(name: "Yams", package: "Yams")], path: "Sources/Systems/Juju/Decoding"),
        .target(name: "JujuPlanning", dependencies: ["PlanModel", "TenantCore"], path: "Sources/Systems/Juju/Planning"),
        .target(
            name: "JujuDriver",
            dependencies: [
                "JujuPlanning", "Juju", "Reconciler", "PlanModel", "TenantCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Sources/Systems/Juju/Driver"
        ),
        // Vault: the pure planner (secrets exist, checks before the changes that use them), the
        // driver (KV v2 metadata, values read at the last moment).
        .target(name: "VaultPlanning", dependencies: ["PlanModel", "TenantCore"], path: "Sources/Systems/Vault/Planning"),
        .target(
            name: "VaultDriver",
            dependencies: ["VaultPlanning", "Reconciler", "PlanModel", "TenantCore", "HTTPClient"],
            path: "Sources/Systems/Vault/Driver"
        ),
        // The one place systems are registered.
        .target(name: "DNSPlanning", dependencies: ["PlanModel", "TenantCore"], path: "Sources/Systems/DNS/Planning"),
        .target(
            name: "DNSDriver",
            dependencies: [
                "DNSPlanning", "Reconciler", "PlanModel", "TenantCore", "HTTPClient",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/Systems/DNS/Driver"
        ),
        // Certificates: the pure planner (issue, renew, preflight), the driver (certbot with
        // DNS-01 through the DNS providers, lineages read with swift-certificates).
        .target(name: "CertsPlanning", dependencies: ["PlanModel", "TenantCore", "DNSPlanning"], path: "Sources/Systems/Certs/Planning"),
        .target(
            name: "CertsDriver",
            dependencies: [
                "CertsPlanning", "DNSPlanning", "DNSDriver", "JujuDriver", "Reconciler", "PlanModel", "TenantCore",
                .product(name: "X509", package: "swift-certificates"),
            ],
            path: "Sources/Systems/Certs/Driver"
        ),
        .target(name: "Systems", dependencies: ["PlanModel", "Reconciler", "TenantCore", "JujuPlanning", "JujuDriver", "VaultPlanning", "VaultDriver", "DNSPlanning", "DNSDriver", "CertsPlanning", "CertsDriver"],
                path: "Sources/Systems/Registry"),

        // The daemon's parts that need no I/O: the look trigger that coalesces events, the webhook
        // gate, the metrics, the status page.
        .target(name: "ServeCore", dependencies: [.product(name: "Prometheus", package: "swift-prometheus")]),
        .executableTarget(
            name: "tenantctl",
            dependencies: [
                "TenantCore", "PlanModel", "GitSource", "CGit2", "Reconciler", "Systems", "JujuPlanning", "JujuDriver", "VaultPlanning", "VaultDriver", "HTTPClient", "Store", "GitLab", "CertsDriver",
                "ServeCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `tenantctl serve` as a process against juju-sim and a git repository: webhooks, coalescing,
        // crash and SIGTERM, suspend, manual sync, readiness, metrics; ServeCore's parts alone.
        // The browser test serves the example fleet, whose OVH zones live in ovh-sim.
        .testTarget(name: "ServeTests", dependencies: ["ServeCore", "tenantctl", "juju-sim", "gitlab-sim", "ovh-sim", "vault-sim", "GitTestSupport"]),
        // A stand-in for the `juju` CLI, for tests and the demo (no Juju controller exists here).
        .executableTarget(
            name: "juju-sim",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // A stand-in for HashiCorp Vault's HTTP API (KV v2, token and AppRole auth, health), for
        // tests and the demo (no Vault server exists here).
        .executableTarget(
            name: "vault-sim",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A stand-in for the OVH API v1's DNS zone calls (signed requests, records, refresh), for
        // tests and the demo (no OVH account exists here).
        .executableTarget(
            name: "ovh-sim",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // A stand-in for GitLab's REST API v4 (commit statuses, merge request notes) and a sender of
        // its webhooks, for tests and the demo (no GitLab server exists here).
        .executableTarget(
            name: "gitlab-sim",
            dependencies: [
                "HTTPClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The GitLab client against gitlab-sim, gitlab-sim against python-gitlab and the documented
        // webhook shapes, `tenantctl gitlab` end to end, examples/gitlab-ci.yml.
        .testTarget(
            name: "GitLabTests",
            dependencies: ["GitLab", "HTTPClient", "PlanModel", "GitTestSupport", "gitlab-sim", "tenantctl", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures"), .copy("Scripts")]
        ),
        // The DNS providers (OVH, Route 53) against ovh-sim, a real moto_server and AWS's signing
        // examples; ovh-sim against the recorded OVH answers and the official Python client `ovh`.
        .testTarget(
            name: "DNSProviderTests",
            dependencies: ["DNSDriver", "DNSPlanning", "HTTPClient", "ovh-sim"],
            resources: [.copy("Fixtures"), .copy("Scripts")]
        ),
        // vault-sim's HTTP shapes checked through curl and the official Python client hvac.
        .testTarget(name: "VaultSimTests", dependencies: ["vault-sim"], resources: [.copy("Scripts")]),
        // `make bench`: generates large repositories and measures the tenantctl binary. It reads the
        // examples with TenantCore and writes observation snapshots with the systems' own types.
        .executableTarget(
            name: "tenantctl-bench",
            dependencies: ["TenantCore", "PlanModel", "JujuPlanning", "JujuDriver", "VaultPlanning", "Systems"]
        ),
        // `make bench`: answers juju's read-only calls from recordings after a fixed latency, so that
        // the drift sweep measures tenantctl and not the stand-in (Glibc only: cheap to start).
        // Linked statically, with lld (gold warns about the runtime's dlopen in a static link): no
        // dynamic loader at each of the thousand starts, whose relocations and libstdc++ were most
        // of what a call cost (1.2 ms of CPU with -static-stdlib alone, 0.3 ms static).
        .executableTarget(name: "juju-replay", linkerSettings: [.unsafeFlags(["-static-executable", "-use-ld=lld"])]),
        .testTarget(name: "JujuTests", dependencies: ["Juju", "juju-sim"], resources: [.copy("Fixtures")]),
        // The whole loop against juju-sim: engine convergence, faults, crash recovery, CLI plan/apply/drift.
        .testTarget(name: "ReconcileTests", dependencies: ["Reconciler", "JujuDriver", "JujuPlanning", "VaultDriver", "VaultPlanning", "DNSDriver", "DNSPlanning", "HTTPClient", "vault-sim", "PlanModel", "Systems", "TenantCore", "Juju", "Store", "GitTestSupport", "tenantctl", "juju-sim", "ovh-sim",
                                                          "CertsDriver", "CertsPlanning", .product(name: "X509", package: "swift-certificates"), .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "tenantctlTests", dependencies: ["tenantctl", "GitTestSupport"]),
        .testTarget(name: "TenantCoreTests", dependencies: ["TenantCore", "PlanModel", "JujuPlanning", "VaultPlanning", .product(name: "Yams", package: "Yams")], resources: [.copy("Fixtures")]),
        // The generic engine against a scripted system: the walker's order, failures, retries, stops.
        .testTarget(name: "ReconcilerTests", dependencies: ["Reconciler", "PlanModel", "TenantCore"]),
        // DNS's pure planner: table tests and a property test on simulated zones; the RFC 2136
        // provider's parsing of dig's output.
        .testTarget(name: "DNSTests", dependencies: ["DNSPlanning", "DNSDriver", "PlanModel", "TenantCore"]),
        // Certificates: the pure planner's table tests and the certbot command line (the whole
        // issuance against pebble, certbot and bind9 runs in ReconcileTests, beside BindServer).
        .testTarget(name: "CertsTests", dependencies: ["CertsPlanning", "CertsDriver", "DNSPlanning", "PlanModel", "TenantCore"]),
        // The plan model: policies, addresses, the plan file's format.
        .testTarget(name: "PlanModelTests", dependencies: ["PlanModel", "TenantCore"]),
        .testTarget(name: "GitSourceTests", dependencies: ["GitSource", "GitTestSupport"]),
        // The state store: run/change journal, environment locks, owned resources (SQLite).
        .target(name: "Store", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        // Fixtures: a state database written by an earlier release, for the migration tests.
        .testTarget(name: "StoreTests", dependencies: ["Store"], resources: [.copy("Fixtures")]),
        // git CLI fixtures and the lighttpd + git-http-backend server, shared by GitSourceTests and tenantctlTests.
        .target(name: "GitTestSupport", path: "Tests/GitTestSupport"),
    ],
    swiftLanguageModes: [.v6]
)
