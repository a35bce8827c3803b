import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP request to a server on loopback, waited for: serve's /metrics, and the timed webhook
/// (the moment its answer arrives is what the latency figure starts from).
enum LoopbackHTTP {
    struct Answer {
        var status: Int
        var body: String
        /// When the answer had arrived (wall clock, as serve's log lines are stamped).
        var answered: Date
        /// From the request's start to its answer.
        var seconds: Double
    }

    static func request(_ method: String, _ url: String, headers: [String: String] = [:], body: Data? = nil) throws -> Answer {
        guard let target = URL(string: url) else { throw BenchError("not a URL: \(url)") }
        var request = URLRequest(url: target)
        request.httpMethod = method
        request.httpBody = body
        request.timeoutInterval = 30
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let box = AnswerBox()
        let started = Spawn.now()
        URLSession.shared.dataTask(with: request) { data, response, error in
            let answered = Date(), end = Spawn.now()
            box.set(error.map { .failure($0) } ?? .success(Answer(
                status: (response as? HTTPURLResponse)?.statusCode ?? 0, body: String(decoding: data ?? Data(), as: UTF8.self),
                answered: answered, seconds: Double(end - started) / 1e9)))
        }.resume()
        switch box.wait() {
        case .success(let answer): return answer
        case .failure(let error): throw BenchError("\(method) \(url): \(error.localizedDescription)")
        }
    }
}

/// The answer handed from URLSession's queue to the waiting caller.
private final class AnswerBox: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<LoopbackHTTP.Answer, Error>?

    func set(_ result: Result<LoopbackHTTP.Answer, Error>) {
        self.result = result
        done.signal()
    }

    func wait() -> Result<LoopbackHTTP.Answer, Error> {
        done.wait()
        return result!
    }
}
