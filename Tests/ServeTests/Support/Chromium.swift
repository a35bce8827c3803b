import Foundation
import GitTestSupport

/// Debian's Chromium, headless, as a person's browser: `--dump-dom` gives the page as rendered,
/// `--screenshot` a PNG of it. A fresh profile in the test's folder, and every background
/// service off, so that it talks to nothing but the page's loopback address.
struct Chromium {
    let path: String
    let profile: String

    /// Debian's `chromium` package (installed by `make deps`, which `make test` runs).
    static func locate(profile: String) throws -> Chromium {
        for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] where FileManager.default.isExecutableFile(atPath: candidate) {
            return Chromium(path: candidate, profile: profile)
        }
        throw FixtureError("chromium is not installed at /usr/bin/chromium: run `make deps` (or `make test`), which installs Debian's chromium package")
    }

    private var flags: [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile)", "--no-first-run", "--no-default-browser-check",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
         "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--metrics-recording-only", "--no-pings",
         "--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication", "--hide-scrollbars"]
    }

    private var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = profile
        return environment
    }

    /// The DOM after the page loaded.
    func dumpDOM(_ url: String) throws -> String {
        let result = try ChildProcess.run(path, flags + ["--dump-dom", url], environment: environment, timeout: 180)
        guard result.status == 0, !result.stdout.isEmpty else { throw FixtureError("chromium --dump-dom \(url): \(result)") }
        return result.stdout
    }

    /// A PNG of the page in a window of `width`×`height` CSS pixels.
    func screenshot(_ url: String, to file: String, width: Int, height: Int) throws {
        let result = try ChildProcess.run(path, flags + ["--screenshot=\(file)", "--window-size=\(width),\(height)", url],
                                          environment: environment, timeout: 180)
        guard result.status == 0 else { throw FixtureError("chromium --screenshot \(url): \(result)") }
    }
}

/// What a PNG file says of itself: its signature and its IHDR size.
struct PNGHeader {
    let width: Int
    let height: Int

    init(_ data: Data) throws {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], Array(bytes[12..<16]) == Array("IHDR".utf8) else {
            throw FixtureError("not a PNG file (\(data.count) bytes)")
        }
        func int(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        width = int(16)
        height = int(20)
    }
}
