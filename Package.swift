// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tenantctl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tenantctl", targets: ["tenantctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
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
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "TenantCoreTests", dependencies: ["TenantCore", .product(name: "Yams", package: "Yams")], resources: [.copy("Fixtures")]),
        .testTarget(name: "GitSourceTests", dependencies: ["GitSource"]),
    ],
    swiftLanguageModes: [.v6]
)
