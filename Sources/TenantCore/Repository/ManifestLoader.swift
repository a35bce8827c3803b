import Foundation
import Dispatch
import Yams

/// Turns the files of one commit into decoded manifests.
///
/// Files are decoded independently (in parallel: 10,000 tenants are common), so a file that
/// cannot be read never stops the others from being checked.
public enum ManifestLoader {
    /// - Parameter links: symbolic links the source found in manifest places (not followed).
    public static func load(_ files: [ManifestFile], limits: ManifestLimits = .default, links: [String] = []) -> ManifestSet {
        let sink = DiagnosticSink()
        var fleet: Fleet?
        var offers: [String: Offer] = [:]
        var bundles: [String: Bundle] = [:]
        var tenantFiles: [(name: String, file: ManifestFile)] = []
        var bundlePaths: [String: [String]] = [:]
        var offerPaths: [String: String] = [:]

        for file in files.sorted(by: { $0.path < $1.path }) {
            switch RepositoryLayout.role(of: file.path) {
            case .fleet:
                guard let yaml = YAMLFile.parse(path: file.path, bytes: file.bytes, limits: limits, into: sink),
                      let root = yaml.singleDocument(kind: "Fleet", into: sink) else { continue }
                fleet = FleetDecoder.decode(Field(node: root, path: "", file: file.path, sink: sink))
            case let .offer(name):
                if let other = offerPaths[name] {
                    // Both ends: either file may be the one to remove.
                    sink.error("offer '\(name)' is also defined in \(other); keep one file per offer", at: .start(of: file.path))
                    sink.error("offer '\(name)' is also defined in \(file.path); keep one file per offer", at: .start(of: other))
                    continue
                }
                offerPaths[name] = file.path
                guard let yaml = YAMLFile.parse(path: file.path, bytes: file.bytes, limits: limits, into: sink),
                      let root = yaml.singleDocument(kind: "Offer", into: sink) else { continue }
                if let offer = OfferDecoder.decode(Field(node: root, path: "", file: file.path, sink: sink), expectedName: name) {
                    offers[name] = offer
                }
            case let .bundle(name):
                bundlePaths[name, default: []].append(file.path)
                if bundlePaths[name]!.count > 1 {
                    let first = bundlePaths[name]![0]
                    sink.error("bundle '\(name)' is also defined in \(first); keep one file per bundle", at: .start(of: file.path))
                    sink.error("bundle '\(name)' is also defined in \(file.path); keep one file per bundle", at: .start(of: first))
                    continue
                }
                guard let yaml = YAMLFile.parse(path: file.path, bytes: file.bytes, limits: limits, into: sink) else { continue }
                if let bundle = BundleDecoder.decode(yaml, name: name, sink: sink) { bundles[name] = bundle }
            case let .tenant(name):
                tenantFiles.append((name, file))
            case .strayManifest:
                sink.warning("this file is not read: manifests live in offers/<name>.yaml, bundles/<name>.yaml and tenants/<name>.yaml",
                             at: .start(of: file.path))
            case .tenantAttachment, .other:
                continue
            }
        }
        if fleet == nil, !files.contains(where: { $0.path == Fleet.fileName }) {
            sink.error("the repository has no \(Fleet.fileName) at its root; it is not a tenantctl desired-state repository",
                       at: .start(of: Fleet.fileName))
        }

        let decoded = decodeTenants(tenantFiles, limits: limits)
        sink.append(contentsOf: decoded.diagnostics)
        var tenants: [String: Tenant] = [:]
        var pathsByName: [String: [String]] = [:]
        for tenant in decoded.tenants {
            pathsByName[tenant.name.value, default: []].append(tenant.file)
            if tenants[tenant.name.value] == nil { tenants[tenant.name.value] = tenant }
        }
        let ignored = IgnoredFiles.check(paths: files.map(\.path), links: links)
        sink.append(contentsOf: ignored.diagnostics)
        return ManifestSet(fleet: fleet, offers: offers, bundles: bundles, tenants: tenants,
                           tenantFiles: pathsByName, diagnostics: sink.diagnostics, ignoredFiles: ignored.count)
    }

    /// Decodes tenant files on every core; each chunk reports into its own sink.
    private static func decodeTenants(_ files: [(name: String, file: ManifestFile)], limits: ManifestLimits) -> (tenants: [Tenant], diagnostics: [Diagnostic]) {
        let chunkCount = max(1, min(files.count / 64, 64))
        let chunkSize = (files.count + chunkCount - 1) / max(chunkCount, 1)
        let results = ChunkResults(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let sink = DiagnosticSink()
            var tenants: [Tenant] = []
            let start = chunk * chunkSize
            let end = min(start + chunkSize, files.count)
            if start < end {
                for (name, file) in files[start..<end] {
                    guard let yaml = YAMLFile.parse(path: file.path, bytes: file.bytes, limits: limits, into: sink),
                          let root = yaml.singleDocument(kind: "Tenant", into: sink) else { continue }
                    if let tenant = TenantDecoder.decode(Field(node: root, path: "", file: file.path, sink: sink), expectedName: name) {
                        tenants.append(tenant)
                    }
                }
            }
            results.store(chunk, tenants: tenants, diagnostics: sink.diagnostics)
        }
        return results.merged()
    }
}

/// Per-chunk results of the parallel decode; each slot is written by exactly one iteration.
private final class ChunkResults: @unchecked Sendable {
    private var tenants: [[Tenant]]
    private var diagnostics: [[Diagnostic]]
    private let lock = NSLock()

    init(count: Int) {
        tenants = Array(repeating: [], count: count)
        diagnostics = Array(repeating: [], count: count)
    }

    func store(_ index: Int, tenants: [Tenant], diagnostics: [Diagnostic]) {
        lock.withLock {
            self.tenants[index] = tenants
            self.diagnostics[index] = diagnostics
        }
    }

    func merged() -> (tenants: [Tenant], diagnostics: [Diagnostic]) {
        lock.withLock { (tenants.flatMap { $0 }, diagnostics.flatMap { $0 }) }
    }
}
