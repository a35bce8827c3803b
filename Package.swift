// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tenantctl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tenantctl", targets: ["tenantctl"]),
        .executable(name: "juju-sim", targets: ["juju-sim"]),
        .executable(name: "vault-sim", targets: ["vault-sim"]),
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
    ],
    targets: [
        // libgit2 from Debian's libgit2-dev, found through pkg-config.
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // Pure core: manifests, validation, resolution. No I/O beyond what callers hand in.
        .target(
            name: "TenantCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "GitSource",
            dependencies: ["CGit2"]
        ),
        .executableTarget(
            name: "tenantctl",
            dependencies: [
                "TenantCore",
                "GitSource",
                "CGit2",
                "Engine",
                "Store",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Observation of Juju through its CLI (`--format=json`): the status decoder and friends.
        .target(
            name: "Juju",
            dependencies: ["TenantCore", .product(name: "Yams", package: "Yams")]
        ),
        // The imperative shell: observe Juju, fingerprint, apply plans with health gates and retries.
        .target(
            name: "Engine",
            dependencies: [
                "TenantCore", "Juju",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
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
        // vault-sim's HTTP shapes checked through curl and the official Python client hvac.
        .testTarget(name: "VaultSimTests", dependencies: ["vault-sim"], resources: [.copy("Scripts")]),
        // `make bench`: generates large repositories and measures the tenantctl binary. It reads the
        // examples with TenantCore and writes observation snapshots with Engine's own types.
        .executableTarget(
            name: "tenantctl-bench",
            dependencies: ["TenantCore", "Engine"]
        ),
        .testTarget(name: "JujuTests", dependencies: ["Juju", "juju-sim"], resources: [.copy("Fixtures")]),
        // The whole loop against juju-sim: engine convergence, faults, crash recovery, CLI plan/apply/drift.
        .testTarget(name: "ReconcileTests", dependencies: ["Engine", "TenantCore", "Juju", "Store", "GitTestSupport", "tenantctl", "juju-sim"]),
        .testTarget(name: "tenantctlTests", dependencies: ["tenantctl", "GitTestSupport"]),
        .testTarget(name: "TenantCoreTests", dependencies: ["TenantCore", .product(name: "Yams", package: "Yams")], resources: [.copy("Fixtures")]),
        .testTarget(name: "GitSourceTests", dependencies: ["GitSource", "GitTestSupport"]),
        // The state store: run/action journal, managed models, applied Vault references (SQLite).
        .target(name: "Store", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "StoreTests", dependencies: ["Store"]),
        // git CLI fixtures and the lighttpd + git-http-backend server, shared by GitSourceTests and tenantctlTests.
        .target(name: "GitTestSupport", path: "Tests/GitTestSupport"),
    ],
    swiftLanguageModes: [.v6]
)
