import Foundation

/// `vault-sim --listen HOST:PORT [--port-file F] [--config F] [--root-token T] [--log F]`
struct Arguments {
    var host = "127.0.0.1"
    var port = 8200
    var portFile: String?
    var configFile: String?
    var rootToken = "root"
    var logFile: String?

    static let usage = """
        usage: vault-sim [--listen 127.0.0.1:8200] [--port-file FILE] [--config sim.json] [--root-token TOKEN] [--log FILE]
          --listen HOST:PORT  address to serve on; port 0 picks a free port (printed, and written to --port-file)
          --port-file FILE    write the port there once listening
          --config FILE       JSON seed: mounts, namespaces, policies, tokens, approles, secrets (see SimConfig.swift)
          --root-token TOKEN  the root token, also the admin API's key (default: root)
          --log FILE          append one line per request: time, method, path, status, token=<display name> (never tokens or values)
        """

    static func parse(_ arguments: [String]) throws -> Arguments {
        var result = Arguments()
        var iterator = arguments.makeIterator()
        func value(for flag: String) throws -> String {
            guard let next = iterator.next() else { throw ConfigError(description: "\(flag) needs a value") }
            return next
        }
        while let argument = iterator.next() {
            switch argument {
            case "--listen":
                let address = try value(for: argument)
                guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) else {
                    throw ConfigError(description: "--listen expects HOST:PORT, got \(address)")
                }
                result.host = String(address[..<colon])
                result.port = port
            case "--port-file": result.portFile = try value(for: argument)
            case "--config": result.configFile = try value(for: argument)
            case "--root-token": result.rootToken = try value(for: argument)
            case "--log": result.logFile = try value(for: argument)
            case "-h", "--help": throw ConfigError(description: usage)
            default: throw ConfigError(description: "unknown argument \(argument)\n\(usage)")
            }
        }
        return result
    }
}
