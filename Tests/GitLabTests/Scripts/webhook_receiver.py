"""Receives webhooks on loopback for WebhookShapeTests: writes its port to argv[1], then each
request's headers and body as one JSON line to argv[2]; answers 200, or 401 when the
X-Gitlab-Token header is not argv[3]."""
import http.server
import json
import sys

port_file, record_file, token = sys.argv[1], sys.argv[2], sys.argv[3]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8")
        with open(record_file, "a") as out:
            out.write(json.dumps({"path": self.path, "headers": dict(self.headers), "body": body}) + "\n")
        self.send_response(200 if self.headers.get("X-Gitlab-Token") == token else 401)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as out:
    out.write(str(server.server_address[1]))
import os
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
