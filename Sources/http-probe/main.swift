// http-probe URL [--direct] [--proxy URL]
//
// Sends one GET with HTTPClient and prints "status <code>" then the body, or "error <description>"
// (exit status 1). HTTPClientTests runs it as a child process with a chosen environment, to test
// how the client reads the proxy variables without changing the test process's own environment.
import Foundation
import HTTPClient

var arguments = Array(CommandLine.arguments.dropFirst())
guard let target = arguments.first, let url = URL(string: target) else {
    FileHandle.standardError.write(Data("usage: http-probe URL [--direct] [--proxy URL]\n".utf8))
    exit(2)
}
arguments.removeFirst()
var configuration = HTTPClientConfiguration(connectTimeout: .seconds(5), totalTimeout: .seconds(20), retry: .never)
while let option = arguments.first {
    arguments.removeFirst()
    switch option {
    case "--direct": configuration.proxy = .direct
    case "--proxy" where !arguments.isEmpty: configuration.proxy = .url(arguments.removeFirst())
    default:
        FileHandle.standardError.write(Data("http-probe: unknown option \(option)\n".utf8))
        exit(2)
    }
}

let client = HTTPClient(configuration: configuration)
do {
    let response = try await client.send(HTTPRequest(url: url))
    print("status \(response.status)")
    print(response.text)
} catch {
    print("error \(error)")
    exit(1)
}
