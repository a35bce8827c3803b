import Foundation

/// `gitlab-sim [--listen HOST:PORT] [--port-file F] [--config F] [--log F]`, or
/// `gitlab-sim send-webhook --url URL --event push|merge_request [--token-file F] [--print] [--FIELD VALUE…]`.
struct Arguments {
    var host = "127.0.0.1"
    var port = 8400
    var portFile: String?
    var configFile: String?
    var logFile: String?

    static let usage = """
        usage: gitlab-sim [--listen 127.0.0.1:8400] [--port-file FILE] [--config sim.json] [--log FILE]
               gitlab-sim send-webhook --url URL --event push|merge_request [--token-file FILE] [--print]
                          [--ref R --before SHA --after SHA --modified a,b --added … --removed …]
                          [--iid N --action open|update|merge|close --source-branch B --target-branch B]
                          [--project-id N --project-path group/project]
          --listen HOST:PORT  address to serve on; port 0 picks a free port (printed, and written to --port-file)
          --port-file FILE    write the port there once listening
          --config FILE       JSON seed: users and their tokens, job tokens, projects and merge requests (see SimConfig.swift)
          --log FILE          append one line per request: time, method, path, status (never a token or a body)
        The API answers under /api/v4/; the simulator's controls under /sim/ (AdminAPI.swift).
        send-webhook POSTs one webhook in GitLab's shape (X-Gitlab-Event, X-Gitlab-Token from --token-file)
        and prints the receiver's HTTP status; --print prints the payload instead of sending it.
        """

    static func parse(_ arguments: [String]) throws -> Arguments {
        var result = Arguments()
        var iterator = arguments.makeIterator()
        func value(for flag: String) throws -> String {
            guard let next = iterator.next() else { throw SimError("\(flag) needs a value") }
            return next
        }
        while let argument = iterator.next() {
            switch argument {
            case "--listen":
                let address = try value(for: argument)
                guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) else {
                    throw SimError("--listen expects HOST:PORT, got \(address)")
                }
                result.host = String(address[..<colon])
                result.port = port
            case "--port-file": result.portFile = try value(for: argument)
            case "--config": result.configFile = try value(for: argument)
            case "--log": result.logFile = try value(for: argument)
            case "-h", "--help": throw SimError(usage)
            default: throw SimError("unknown argument \(argument)\n\(usage)")
            }
        }
        return result
    }
}

struct SimError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `send-webhook`'s flags: `--kebab-case value` become the admin API's camelCase fields.
enum SendWebhookCommand {
    static func run(_ arguments: [String]) async -> Int32 {
        var fields: [String: Any] = [:]
        var url: String?
        var token: String?
        var printOnly = false
        var iterator = arguments.makeIterator()
        do {
            while let argument = iterator.next() {
                switch argument {
                case "--print": printOnly = true
                case "-h", "--help": throw SimError(Arguments.usage)
                case _ where argument.hasPrefix("--"):
                    guard let value = iterator.next() else { throw SimError("\(argument) needs a value") }
                    switch argument {
                    case "--url": url = value
                    case "--token-file":
                        token = try String(contentsOfFile: value, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                    default:
                        let parts = argument.dropFirst(2).split(separator: "-")
                        let key = parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }.joined()
                        fields[key.replacingOccurrences(of: "Url", with: "URL")] = value
                    }
                default: throw SimError("unknown argument \(argument)\n\(Arguments.usage)")
                }
            }
            let event = try WebhookEvent(fields)
            if printOnly {
                let data = try JSONSerialization.data(withJSONObject: event.payload(), options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
                FileHandle.standardOutput.write(data + Data("\n".utf8))
                return 0
            }
            guard let url else { throw SimError("send-webhook needs --url (or --print)") }
            let status = try await WebhookSender.send(event, to: url, token: token)
            print("\(event.kind.header) sent to \(url): HTTP \(status)")
            return (200..<300).contains(status) ? 0 : 1
        } catch {
            FileHandle.standardError.write(Data("gitlab-sim send-webhook: \(error)\n".utf8))
            return 2
        }
    }
}
