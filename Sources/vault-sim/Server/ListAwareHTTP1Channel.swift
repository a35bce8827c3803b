import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1 child channel with ListMethodRewriter in front of the HTTP parser.
struct ListAwareHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(ListMethodRewriter())
        }.flatMap {
            inner.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }

    static var builder: HTTPServerBuilder {
        HTTPServerBuilder { responder in ListAwareHTTP1Channel(inner: HTTP1Channel(responder: responder)) }
    }
}
