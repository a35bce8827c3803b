import Yams

/// A YAML node together with its dotted field path and the file it came from.
///
/// Every typed accessor reports "field: expected X, got Y" at the node's own position and returns
/// nil, so decoders can keep going and collect every problem of a file.
struct Field {
    let node: Node
    /// Kept as steps and rendered only when asked: at 10,000 tenants building the dotted string
    /// of every node, when almost none is ever printed, was a large part of the manifests' load.
    let steps: FieldPath
    let file: String
    let sink: DiagnosticSink

    /// The dotted path (`environments.production.applications[0]`), for messages.
    var path: String { steps.rendered }

    init(node: Node, path: String, file: String, sink: DiagnosticSink) {
        self.init(node: node, steps: path.isEmpty ? .root : .key(.root, path), file: file, sink: sink)
    }

    init(node: Node, steps: FieldPath, file: String, sink: DiagnosticSink) {
        self.node = node
        self.steps = steps
        self.file = file
        self.sink = sink
    }

    var location: SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func child(_ node: Node, key: String) -> Field {
        Field(node: node, steps: .key(steps, key), file: file, sink: sink)
    }

    func element(_ node: Node, index: Int) -> Field {
        Field(node: node, steps: .index(steps, index), file: file, sink: sink)
    }

    func error(_ message: String) {
        sink.error("\(displayPath): \(message)", at: location, field: path)
    }

    func warning(_ message: String) {
        sink.warning("\(displayPath): \(message)", at: location, field: path)
    }

    /// The path as messages name it: the root of a file has no path, so it is called what it is
    /// (`: expected a mapping` named nothing).
    var displayPath: String {
        let path = self.path
        return path.isEmpty ? "the file's top level" : path
    }

    func typeMismatch(expected: String) {
        var got = node.typeDescription
        // Echo the value to help find it, except where it may be a secret written in clear.
        if case let .scalar(scalar) = node, !node.isNull, !mayHoldSecret {
            let text = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string
            got += " ('\(text)')"
        }
        error("expected \(expected), got \(got)")
    }

    /// Credentials and secret-named options: their values are never repeated in messages.
    var mayHoldSecret: Bool {
        let components = path.split(separator: ".")
        if components.contains("credentials") || components.contains("auth") { return true }
        return components.last.map { SecretNames.isSensitive(String($0)) } ?? false
    }

    // MARK: scalars

    func string() -> Located<String>? {
        guard case let .scalar(scalar) = node, node.tagName == .str else {
            typeMismatch(expected: "a string")
            return nil
        }
        return Located(scalar.string, at: location)
    }

    /// A string that must not be empty.
    func nonEmptyString() -> Located<String>? {
        guard let value = string() else { return nil }
        if value.value.trimmingCharacters(in: .whitespaces).isEmpty {
            error("must not be empty")
            return nil
        }
        return value
    }

    func int() -> Located<Int>? {
        guard node.tagName == .int else {
            typeMismatch(expected: "an integer")
            return nil
        }
        guard let value = node.int else {
            // YAML reads it as an integer, Swift cannot hold it: "expected an integer, got an
            // integer" said nothing. Digits only, so the value is safe to echo (cut if long).
            error("'\(node.string ?? "")' is out of range: integers go from \(Int.min) to \(Int.max)")
            return nil
        }
        return Located(value, at: location)
    }

    func nonNegativeInt() -> Located<Int>? {
        guard let value = int() else { return nil }
        if value.value < 0 {
            error("expected a number of 0 or more, got \(value.value)")
            return nil
        }
        return value
    }

    func bool() -> Located<Bool>? {
        guard node.tagName == .bool, let value = node.bool else {
            typeMismatch(expected: "a boolean (true or false)")
            return nil
        }
        return Located(value, at: location)
    }

    /// One of a closed set of words, reported with the allowed values when it is not.
    func oneOf<Value: RawRepresentable & CaseIterable>(_ type: Value.Type) -> Located<Value>?
    where Value.RawValue == String {
        guard let text = string() else { return nil }
        guard let value = Value(rawValue: text.value) else {
            let allowed = Value.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            error("'\(text.value)' is not one of \(allowed)\(Suggestion.hint(for: text.value, in: Value.allCases.map(\.rawValue)))")
            return nil
        }
        return Located(value, at: location)
    }

    // MARK: collections

    func sequence() -> [Field]? {
        guard case let .sequence(items) = node else {
            typeMismatch(expected: "a list")
            return nil
        }
        return items.enumerated().map { element($0.element, index: $0.offset) }
    }

    func stringList() -> [Located<String>]? {
        sequence()?.compactMap { $0.string() }
    }

    /// A mapping whose keys are a closed set. Unknown keys are reported here, once, with a hint.
    func mapping(allowed: [String], context: String, tolerate: (String) -> Bool = { _ in false }) -> MappingReader? {
        guard let entries = mappingEntries() else { return nil }
        let reader = MappingReader(field: self, entries: entries)
        reader.rejectUnknownKeys(allowed: allowed, context: context, tolerate: tolerate)
        return reader
    }

    /// A mapping with free-form keys (application names, config options, environments).
    func dictionary() -> [(key: Located<String>, value: Field)]? {
        guard let entries = mappingEntries() else { return nil }
        return entries.compactMap { key, value in
            guard let name = keyString(key) else { return nil }
            return (Located(name, at: locate(key)), child(value, key: name))
        }
    }

    /// The entries of a mapping, with YAML merge keys (`<<: *anchor`) expanded the way Juju's
    /// YAML library does it, so bundles written with anchors read as Juju reads them.
    private func mappingEntries() -> [(Node, Node)]? {
        guard case let .mapping(mapping) = node else {
            typeMismatch(expected: "a mapping")
            return nil
        }
        var merged: [(Node, Node)] = []
        var explicit: [(Node, Node)] = []
        for (key, value) in mapping {
            if key.string == "<<", key.tagName == .merge || key.tagName == .str {
                let sources: [Node]
                if case let .sequence(items) = value { sources = Array(items) } else { sources = [value] }
                for source in sources {
                    if case let .mapping(inner) = source {
                        merged.append(contentsOf: inner.map { ($0.key, $0.value) })
                    } else {
                        child(value, key: "<<").typeMismatch(expected: "a mapping to merge")
                    }
                }
            } else {
                explicit.append((key, value))
            }
        }
        // Almost no mapping merges anything: no set of its keys to build then.
        guard !merged.isEmpty else { return explicit }
        let explicitKeys = Set(explicit.compactMap { $0.0.string })
        return merged.filter { !explicitKeys.contains($0.0.string ?? "") } + explicit
    }

    private func keyString(_ key: Node) -> String? {
        guard case let .scalar(scalar) = key else {
            sink.error("\(displayPath): mapping keys must be plain words, got \(key.typeDescription)", at: locate(key), field: path)
            return nil
        }
        return scalar.string
    }

    func locate(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }
}

/// The way from a file's root to one of its nodes: a key or an index per step, each step sharing
/// its parent's, so a child costs one small allocation and no string until a message names it.
indirect enum FieldPath {
    case root
    case key(FieldPath, String)
    case index(FieldPath, Int)

    /// Keys joined by dots, indexes in brackets; a key at the root has no leading dot (and an
    /// index there none either: `[0]`), as the paths were always written.
    var rendered: String {
        var steps: [FieldPath] = []
        var step = self
        while true {
            switch step {
            case .root: break
            case let .key(parent, _), let .index(parent, _):
                steps.append(step)
                step = parent
                continue
            }
            break
        }
        var text = ""
        for step in steps.reversed() {
            switch step {
            case .root: break
            case let .key(_, key): text = text.isEmpty ? key : text + "." + key
            case let .index(_, index): text += "[\(index)]"
            }
        }
        return text
    }
}
