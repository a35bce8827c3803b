import Yams

/// Reads the fields of one YAML mapping by name.
struct MappingReader {
    let field: Field
    private let values: [String: (key: Node, value: Node)]
    let keysInOrder: [String]

    init(field: Field, entries: [(Node, Node)]) {
        self.field = field
        var values: [String: (key: Node, value: Node)] = [:]
        var order: [String] = []
        for (key, value) in entries {
            guard case let .scalar(scalar) = key else {
                field.sink.error("\(field.displayPath): mapping keys must be plain words, got \(key.typeDescription)",
                                 at: field.locate(key), field: field.path)
                continue
            }
            if values[scalar.string] == nil { order.append(scalar.string) }
            values[scalar.string] = (key, value)
        }
        self.values = values
        self.keysInOrder = order
    }

    var location: SourceLocation { field.location }

    func has(_ key: String) -> Bool { values[key] != nil }

    /// The field when present (null counts as absent: `units:` with nothing after it means "unset").
    func optional(_ key: String) -> Field? {
        guard let entry = values[key], !entry.value.isNull else { return nil }
        return field.child(entry.value, key: key)
    }

    /// The field, or a "missing required field" error at the mapping that lacks it.
    func required(_ key: String, expected: String) -> Field? {
        if let present = optional(key) { return present }
        let fieldPath = field.path.isEmpty ? key : "\(field.path).\(key)"
        if let entry = values[key] {
            field.sink.error("\(fieldPath): expected \(expected), got null", at: field.locate(entry.value), field: fieldPath)
        } else {
            field.sink.error("\(fieldPath): missing required field '\(key)' (\(expected))", at: location, field: fieldPath)
        }
        return nil
    }

    func keyLocation(_ key: String) -> SourceLocation? {
        values[key].map { field.locate($0.key) }
    }

    /// Typos must not be silently ignored: every key outside the schema is an error.
    func rejectUnknownKeys(allowed: [String], context: String, tolerate: (String) -> Bool = { _ in false }) {
        // A schema's keys are a dozen at most: searching them beats hashing them into a set
        // for every mapping of every manifest.
        for key in keysInOrder where !allowed.contains(key) && !tolerate(key) {
            let fieldPath = field.path.isEmpty ? key : "\(field.path).\(key)"
            let hint = Suggestion.hint(for: key, in: allowed)
            field.sink.error(
                "\(fieldPath): unknown key '\(key)' in \(context)\(hint); expected one of: \(allowed.joined(separator: ", "))",
                at: keyLocation(key) ?? location, field: fieldPath)
        }
    }
}
