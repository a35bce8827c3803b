import Yams

/// A manifest file parsed into YAML nodes, keeping line and column of every node.
///
/// Parsing never throws: a syntax error becomes a diagnostic at the position libyaml reports, so
/// one broken file does not stop the others from being checked.
struct YAMLFile {
    let path: String
    let documents: [Node]

    static func parse(path: String, bytes: [UInt8], limits: ManifestLimits = .default, into sink: DiagnosticSink) -> YAMLFile? {
        // Checked before anything reads the bytes: a 50 MB file took minutes and gigabytes.
        if bytes.count > limits.maxFileSize {
            sink.error("file is \(bytes.count) bytes, over the limit of \(ManifestLimits.describe(limits.maxFileSize)) for one manifest; it is not read (split it, or raise the limit with --max-file-size or TENANTCTL_MAX_FILE_SIZE)",
                       at: .start(of: path))
            return nil
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let invalid = InvalidUTF8.firstError(in: bytes)
            sink.error("file is not valid UTF-8 text: byte 0x\(String(invalid.byte, radix: 16, uppercase: true)) here starts no UTF-8 character (save the file as UTF-8)",
                       at: SourceLocation(file: path, line: invalid.line, column: invalid.column))
            return nil
        }
        if let refusal = YAMLPreScan.check(text, limits: limits) {
            sink.error(refusal.message, at: SourceLocation(file: path, line: refusal.line, column: refusal.column))
            return nil
        }
        do {
            // Iterate the parser directly: Yams' lazy document sequence drops parse errors.
            // An explicit encoding spares Yams a scan of the process environment per file. The
            // basic resolver spares it seven regular expressions per scalar: `Node.tagName` types
            // the values that are read.
            let parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
            var documents: [Node] = []
            while let document = try parser.nextRoot() { documents.append(document) }
            return YAMLFile(path: path, documents: documents)
        } catch let error as YamlError {
            let (location, message) = describe(error, path: path, text: text)
            sink.error("YAML syntax error: \(message)", at: location)
            return nil
        } catch {
            sink.error("YAML syntax error: \(error)", at: .start(of: path))
            return nil
        }
    }

    /// The single document a manifest must hold, reporting empty files and extra documents.
    func singleDocument(kind: String, into sink: DiagnosticSink) -> Node? {
        guard let first = documents.first else {
            sink.error("file is empty; expected a \(kind) manifest", at: .start(of: path))
            return nil
        }
        if documents.count > 1, let extra = documents[1].mark {
            sink.error(
                "a \(kind) manifest holds one YAML document; found \(documents.count) (remove the extra '---' sections)",
                at: SourceLocation(file: path, line: extra.line, column: extra.column))
        }
        return first
    }

    private static func describe(_ error: YamlError, path: String, text: String) -> (SourceLocation, String) {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: path, line: max(1, mark.line), column: max(1, mark.column))
        }
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            // libyaml says "found character that cannot start any token" for a tab in indentation.
            if case .scanner = error, character(at: mark, in: text) == "\t" {
                return (at(mark), "a tab in indentation: YAML indents with spaces only (replace the tab with spaces)")
            }
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return (at(mark), detail)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return (at(context.mark), "duplicate key \(keys) in the same mapping")
        case let .reader(problem, offset, _, yaml):
            var line = 1, column = 1
            if let offset {
                for character in yaml.unicodeScalars.prefix(offset) {
                    if character == "\n" { line += 1; column = 1 } else { column += 1 }
                }
            }
            return (SourceLocation(file: path, line: line, column: column), problem)
        default:
            return (.start(of: path), "\(error)")
        }
    }

    /// The character at a libyaml mark (1-based line, column counted in Unicode scalars).
    private static func character(at mark: Mark, in text: String) -> Unicode.Scalar? {
        guard mark.line >= 1, mark.column >= 1 else { return nil }
        let lines = text.split(separator: "\n", maxSplits: mark.line, omittingEmptySubsequences: false)
        guard mark.line <= lines.count else { return nil }
        let scalars = lines[mark.line - 1].unicodeScalars
        guard mark.column <= scalars.count else { return nil }
        return scalars[scalars.index(scalars.startIndex, offsetBy: mark.column - 1)]
    }
}
