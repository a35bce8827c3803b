import Foundation
import NIOCore

/// Vault lists keys with the HTTP method `LIST`, but NIO's HTTP/1 parser (llhttp) knows a fixed
/// set of methods and refuses `LIST` with 400 before Hummingbird sees the request. This handler
/// sits in front of the parser: it finds each request head on the connection (following
/// Content-Length past bodies, so keep-alive and pipelined requests work), and turns
/// `LIST /v1/p HTTP/1.1` into `GET /v1/p HTTP/1.1` plus the header `X-Vault-Sim-Method: LIST`,
/// which HTTPAdapter turns back into `LIST`. A chunked request body ends the rewriting for that
/// connection (no Vault client sends one).
final class ListMethodRewriter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    static let markerHeader = "X-Vault-Sim-Method"

    private var head: [UInt8] = []
    private var bodyRemaining = 0
    private var passThrough = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if passThrough {
            context.fireChannelRead(data)
            return
        }
        var input = unwrapInboundIn(data)
        var output: [UInt8] = []
        output.reserveCapacity(input.readableBytes + 32)
        while input.readableBytes > 0 {
            if bodyRemaining > 0 {
                let count = min(bodyRemaining, input.readableBytes)
                output += input.readBytes(length: count) ?? []
                bodyRemaining -= count
                continue
            }
            guard let byte = input.readInteger(as: UInt8.self) else { break }
            head.append(byte)
            // Blank lines between requests are allowed before a request line.
            if head == [0x0D, 0x0A] || head == [0x0A] {
                output += head
                head = []
                continue
            }
            if head.count >= 4, head.suffix(4).elementsEqual([0x0D, 0x0A, 0x0D, 0x0A]) {
                output += rewrite(head)
                head = []
                if passThrough {
                    output += input.readBytes(length: input.readableBytes) ?? []
                }
            }
        }
        if !output.isEmpty {
            context.fireChannelRead(wrapInboundOut(context.channel.allocator.buffer(bytes: output)))
        }
    }

    /// Rewrites one complete request head and learns the length of the body that follows it.
    private func rewrite(_ head: [UInt8]) -> [UInt8] {
        let text = String(decoding: head, as: UTF8.self)
        for line in text.split(separator: "\r\n") {
            let lower = line.lowercased()
            if lower.hasPrefix("content-length:") {
                bodyRemaining = Int(lower.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
            } else if lower.hasPrefix("transfer-encoding:"), lower.contains("chunked") {
                passThrough = true
            }
        }
        guard head.starts(with: Array("LIST ".utf8)), let lineEnd = text.range(of: "\r\n") else { return head }
        let requestLine = "GET " + text[text.index(text.startIndex, offsetBy: 5)..<lineEnd.lowerBound]
        let rest = text[lineEnd.upperBound...]
        return Array((requestLine + "\r\n\(Self.markerHeader): LIST\r\n" + rest).utf8)
    }
}
