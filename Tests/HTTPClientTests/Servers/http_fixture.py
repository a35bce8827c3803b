#!/usr/bin/env python3
"""Loopback HTTP(S) server and forward proxy for HTTPClientTests.

    http_fixture.py --log FILE [--proxy] [--tls CERT KEY]

Binds 127.0.0.1 on a port the kernel picks, prints "PORT <n>" once it listens, and serves until
killed. Every request is appended to FILE as "<METHOD> <target>" (one line, flushed), so that a
test can count what reached the server.

Origin paths:
  /echo                     200; JSON body with the method, path, headers and body received,
                            and the client's port (the same for requests on one connection)
  /status/<code>            always <code> (with "Retry-After: <s>" when ?retry_after=<s>)
  /flaky/<code>/<n>         <code> for the first <n> requests to this exact target, then 200
                            (with "Retry-After: <s>" when ?retry_after=<s>)
  /big/<n>                  200 with a body of <n> bytes and its Content-Length
  /stream/<n>               200 with a chunked body of <n> bytes (no Content-Length)
  /interim                  a 103 answer with its own header fields, then 200
  /hang                     reads the request and never answers
With --proxy it is a forward proxy stand-in: a request in absolute form ("GET http://…") is
answered 200 "via proxy <url>" without going anywhere; CONNECT is logged and refused with 403.
"""
import argparse
import json
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LOCK = threading.Lock()
COUNTS = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    log_path = None
    proxy = False

    def log_message(self, format, *args):
        pass

    def record(self):
        with LOCK, open(self.log_path, "a") as log:
            log.write(f"{self.command} {self.path}\n")

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_CONNECT(self):
        self.record()
        self.reply(403, b"no tunnels here", [("Connection", "close")])
        self.close_connection = True

    def handle_any(self):
        self.record()
        body = self.read_body()
        if self.proxy:
            if self.path.startswith("http://") or self.path.startswith("https://"):
                self.reply(200, f"via proxy {self.path}".encode())
            else:
                self.reply(400, b"not a proxy request")
            return
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        segments = [s for s in parts.path.split("/") if s]
        retry_after = [("Retry-After", query["retry_after"][0])] if "retry_after" in query else []
        if segments[:1] == ["echo"]:
            payload = {
                "method": self.command,
                "path": self.path,
                "headers": [[k, v] for k, v in self.headers.items()],
                "body": body.decode("latin-1"),
                "peer_port": self.client_address[1],
            }
            self.reply(200, json.dumps(payload).encode(),
                       [("Content-Type", "application/json"), ("X-Mixed-Case", "yes")])
        elif segments[:1] == ["status"] and len(segments) == 2:
            self.reply(int(segments[1]), f"status {segments[1]}".encode(), retry_after)
        elif segments[:1] == ["flaky"] and len(segments) == 3:
            with LOCK:
                COUNTS[self.path] = COUNTS.get(self.path, 0) + 1
                seen = COUNTS[self.path]
            if seen <= int(segments[2]):
                self.reply(int(segments[1]), b"try again", retry_after)
            else:
                self.reply(200, b"recovered")
        elif segments[:1] == ["big"] and len(segments) == 2:
            self.reply(200, b"x" * int(segments[1]))
        elif segments[:1] == ["stream"] and len(segments) == 2:
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            left = int(segments[1])
            while left > 0:
                size = min(left, 65536)
                self.wfile.write(f"{size:x}\r\n".encode() + b"y" * size + b"\r\n")
                left -= size
            self.wfile.write(b"0\r\n\r\n")
        elif segments[:1] == ["interim"]:
            # A 103 Early Hints with its own fields before the final answer.
            self.wfile.write(b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>\r\nX-Interim: 1\r\n\r\n")
            self.reply(200, b"final", [("X-Final", "1")])
        elif segments[:1] == ["hang"]:
            time.sleep(3600)
        else:
            self.reply(404, b"no such path")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = handle_any


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients that hang up (timeouts, cancellations, size limits) are expected


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--proxy", action="store_true")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    options = parser.parse_args()
    Handler.log_path = options.log
    Handler.proxy = options.proxy
    open(options.log, "a").close()
    server = Server(("127.0.0.1", 0), Handler)
    if options.tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(options.tls[0], options.tls[1])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
