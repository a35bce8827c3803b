import Foundation

/// `ovh-sim --listen HOST:PORT [--port-file F] [--config F] [--log F]`
struct Arguments {
    var host = "127.0.0.1"
    var port = 8300
    var portFile: String?
    var configFile: String?
    var logFile: String?

    static let usage = """
        usage: ovh-sim [--listen 127.0.0.1:8300] [--port-file FILE] [--config sim.json] [--log FILE]
          --listen HOST:PORT  address to serve on; port 0 picks a free port (printed, and written to --port-file)
          --port-file FILE    write the port there once listening
          --config FILE       JSON seed: applications, consumer keys with access rules, zones and records (see SimConfig.swift)
          --log FILE          append one line per request: time, method, path, status (never a key or a signature)
        The API answers under /1.0/ (and /v1/); the simulator's controls under /sim/ (AdminAPI.swift).
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
