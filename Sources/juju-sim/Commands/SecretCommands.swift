import Foundation
import Yams

/// User secrets, in Juju 3.6's command forms: `add-secret <name> [key[#base64|#file]=value…]
/// [--file <yaml>] [--info]`, `update-secret <ID>|<name> … [--info] [--name] [--auto-prune]`,
/// `grant-secret <ID>|<name> <app>[,<app>…]`, and `secrets --format json`, whose shape is
/// cmd/juju/secrets/list.go's (`{<id>: {revision, owner: "<model>", description, name,
/// created, updated}}`).
enum SecretCommands {
    static func add(_ context: inout CommandContext) throws {
        var positional = context.arguments.positional
        guard !positional.isEmpty else { throw SimError.usage("missing secret name") }
        let name = positional.removeFirst()
        let content = try values(positional, file: context.arguments.value("file"), context: context)
        guard !content.isEmpty else { throw SimError.usage("missing secret value or filename") }
        let info = context.arguments.value("info")
        let now = context.now
        let id = try context.updateModel { model, _ -> String in
            var secrets = model.secrets ?? [:]
            if secrets.values.contains(where: { $0.name == name }) { throw SimError.failure("secret with name \"\(name)\" already exists") }
            let id = secretID(model: model.uuid, name: name, at: now)
            secrets[id] = SimSecret(id: id, name: name, description: info, revision: 1, digests: content, grants: [], created: now, updated: now)
            model.secrets = secrets
            return id
        }
        context.output.print("secret:\(id)")
    }

    static func update(_ context: inout CommandContext) throws {
        var positional = context.arguments.positional
        guard !positional.isEmpty else { throw SimError.usage("missing secret URI") }
        let reference = positional.removeFirst()
        let content = try values(positional, file: context.arguments.value("file"), context: context)
        let info = context.arguments.value("info")
        let rename = context.arguments.value("name")
        guard !content.isEmpty || info != nil || rename != nil else {
            throw SimError.usage("at least one attribute to update must be specified")
        }
        let now = context.now
        try context.updateModel { model, _ in
            var secrets = model.secrets ?? [:]
            guard var secret = find(reference, in: secrets) else { throw SimError.failure("secret \"\(reference)\" not found") }
            if !content.isEmpty, content != secret.digests {
                secret.digests = content
                secret.revision += 1
            }
            if let info { secret.description = info }
            if let rename { secret.name = rename }
            secret.updated = now
            secrets[secret.id] = secret
            model.secrets = secrets
        }
    }

    static func grant(_ context: inout CommandContext) throws {
        let positional = context.arguments.positional
        guard positional.count == 2 else { throw SimError.usage("expected a secret and an application, got \(positional.count) arguments") }
        let applications = positional[1].split(separator: ",").map(String.init)
        try context.updateModel { model, _ in
            var secrets = model.secrets ?? [:]
            guard var secret = find(positional[0], in: secrets) else { throw SimError.failure("secret \"\(positional[0])\" not found") }
            for application in applications {
                guard model.applications[application] != nil else { throw SimError.applicationNotFound(application) }
                if !secret.grants.contains(application) { secret.grants.append(application) }
            }
            secrets[secret.id] = secret
            model.secrets = secrets
        }
    }

    static func list(_ context: inout CommandContext) throws {
        let format = try context.format(default: "tabular", allowed: ["json", "yaml", "tabular"])
        let (model, _) = try context.readModel()
        let document = JSONValue.object((model.secrets ?? [:]).values.sorted { $0.id < $1.id }.map { secret in
            var fields: [(String, JSONValue)] = [("revision", .int(secret.revision)), ("owner", .string("<model>"))]
            if let description = secret.description, !description.isEmpty { fields.append(("description", .string(description))) }
            fields += [("name", .string(secret.name)), ("created", .string(timestamp(secret.created))), ("updated", .string(timestamp(secret.updated)))]
            return (secret.id, .object(fields))
        })
        switch format {
        case "json": context.output.print(document.compact)
        case "yaml": context.output.print(try YAMLWriter.text(document))
        default:
            context.output.print("ID\tName\tOwner\tRotation\tRevision\tLast updated")
            for secret in (model.secrets ?? [:]).values.sorted(by: { $0.id < $1.id }) {
                context.output.print("\(secret.id)\t\(secret.name)\t<model>\tnever\t\(secret.revision)\t\(timestamp(secret.updated))")
            }
        }
    }

    /// A secret by id (`secret:<id>` or bare) or by name.
    static func find(_ reference: String, in secrets: [String: SimSecret]) -> SimSecret? {
        let id = reference.hasPrefix("secret:") ? String(reference.dropFirst("secret:".count)) : reference
        return secrets[id] ?? secrets.values.first { $0.name == reference }
    }

    /// `key=value`, `key#base64=…`, `key#file=<path>` and `--file <yaml>`, as digests. A file
    /// the (confined) juju cannot read is refused as juju would.
    static func values(_ assignments: [String], file: String?, context: CommandContext) throws -> [String: String] {
        let snap = SnapConfinement(settings: context.settings)
        var content: [String: String] = [:]
        if let file {
            guard let data = snap.contents(atPath: file) else { throw SimError.failure("open \(file): no such file or directory") }
            guard let map = try Yams.load(yaml: String(decoding: data, as: UTF8.self)) as? [String: Any] else {
                throw SimError.failure("invalid secret file \(file): expected a map of keys to values")
            }
            for (key, value) in map { content[try checkedKey(key)] = digest("\(value)") }
        }
        for assignment in assignments {
            let parts = assignment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { throw SimError.usage("key value \"\(assignment)\" not valid") }
            if parts[0].hasSuffix("#file") {
                guard let data = snap.contents(atPath: parts[1]) else { throw SimError.failure("open \(parts[1]): no such file or directory") }
                content[try checkedKey(String(parts[0].dropLast(5)))] = digest(String(decoding: data, as: UTF8.self))
            } else if parts[0].hasSuffix("#base64") {
                content[try checkedKey(String(parts[0].dropLast(7)))] = digest(parts[1])
            } else {
                content[try checkedKey(parts[0])] = digest(parts[1])
            }
        }
        return content
    }

    /// Juju's rule for secret keys (core/secrets): lower case letters, digits and single
    /// hyphens, starting with a letter, at least 3 characters.
    static func checkedKey(_ key: String) throws -> String {
        let letters = Set("abcdefghijklmnopqrstuvwxyz"), allowed = letters.union("0123456789-")
        guard key.count >= 3, let first = key.first, letters.contains(first), key.allSatisfy(allowed.contains),
              !key.contains("--"), !key.hasSuffix("-") else {
            throw SimError.failure("secret key \"\(key)\" not valid")
        }
        return key
    }

    static func digest(_ text: String) -> String { String(StableHash.fnv1a(text), radix: 16) }

    /// 20 characters of base32hex (Juju's xid form), the same for the same model, name and time.
    static func secretID(model: String, name: String, at time: Double) -> String {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuv")
        var seed = StableHash.fnv1a("\(model)/\(name)/\(time)")
        var id = ""
        for index in 0..<20 {
            if index % 12 == 0 { seed = StableHash.fnv1a("\(seed)/\(index)") }
            id.append(alphabet[Int(seed & 31)])
            seed >>= 5
        }
        return id
    }

    static func timestamp(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
