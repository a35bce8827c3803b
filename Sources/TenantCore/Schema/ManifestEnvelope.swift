import Yams

/// The Kubernetes-style frame every tenantctl manifest shares:
/// `apiVersion`, `kind`, `metadata`, `spec`.
struct ManifestEnvelope {
    static let apiVersion = "tenantctl/v1"

    var name: Located<String>
    var labels: [String: String]
    var spec: Field?

    /// Decodes the frame. `expectedName` is the name the file's path implies (tenant and offer
    /// files), so that a file can be found from its name and renames show up in `git diff`.
    static func decode(_ root: Field, kind: String, expectedName: String?) -> ManifestEnvelope? {
        guard let map = root.mapping(allowed: ["apiVersion", "kind", "metadata", "spec"], context: "a \(kind) manifest") else {
            return nil
        }
        if let version = map.required("apiVersion", expected: "'\(apiVersion)'")?.string(), version.value != apiVersion {
            root.sink.error("apiVersion: unsupported '\(version.value)'; this tenantctl reads '\(apiVersion)'",
                            at: version.location, field: "apiVersion")
        }
        if let found = map.required("kind", expected: "'\(kind)'")?.string(), found.value != kind {
            root.sink.error("kind: expected '\(kind)' for this file, got '\(found.value)'", at: found.location, field: "kind")
        }
        var name: Located<String>?
        var labels: [String: String] = [:]
        if let metadata = map.required("metadata", expected: "a mapping with a name")?
            .mapping(allowed: ["name", "labels", "annotations"], context: "metadata") {
            if let nameField = metadata.required("name", expected: "a DNS label"), let value = nameField.string() {
                if let problem = Names.labelProblem(value.value) {
                    nameField.error("'\(value.value)' is not a valid name: it \(problem)")
                } else if let expectedName, value.value != expectedName {
                    nameField.error("'\(value.value)' does not match the file name '\(expectedName)'; a manifest is named after its file")
                }
                name = value
            }
            for key in ["labels", "annotations"] {
                for (labelKey, labelValue) in metadata.optional(key)?.dictionary() ?? [] {
                    guard let text = labelValue.string() else { continue }
                    if key == "labels" { labels[labelKey.value] = text.value }
                }
            }
        }
        let spec = map.required("spec", expected: "a mapping")
        guard let name else { return nil }
        return ManifestEnvelope(name: name, labels: labels, spec: spec)
    }
}
