"""A Route 53 endpoint that plays the answers moto_server never gives: `Throttling` twice before
accepting a change, a change that stays PENDING for two GetChange calls, and 503 on every
ListResourceRecordSets. Bodies follow Route 53's XML (API 2013-04-01). Not a Route 53
implementation: Route53FaultTests use it for these faults only, the rest runs against moto.

Usage: route53_faults.py PORT_FILE   (listens on a free loopback port, writes it to PORT_FILE)
GET /stub/calls answers the count of calls per "METHOD path" as JSON.
"""
import json
import os
import sys
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NS = "https://route53.amazonaws.com/doc/2013-04-01/"
calls = Counter()


def error(code, message):
    return f'<?xml version="1.0"?><ErrorResponse xmlns="{NS}"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>stub</RequestId></ErrorResponse>'


def change(status):
    return f'<?xml version="1.0"?><GetChangeResponse xmlns="{NS}"><ChangeInfo><Id>/change/CSTUB</Id><Status>{status}</Status><SubmittedAt>2026-01-01T00:00:00Z</SubmittedAt></ChangeInfo></GetChangeResponse>'


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body, content_type="text/xml"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = self.path.split("?")[0]
        calls[f"GET {path}"] += 1
        if path == "/stub/calls":
            return self.answer(200, json.dumps(calls), "application/json")
        if path == "/2013-04-01/hostedzonesbyname":
            return self.answer(200, f'<?xml version="1.0"?><ListHostedZonesByNameResponse xmlns="{NS}"><HostedZones><HostedZone><Id>/hostedzone/ZSTUB</Id><Name>stub.test.</Name><CallerReference>x</CallerReference><Config><PrivateZone>false</PrivateZone></Config><ResourceRecordSetCount>2</ResourceRecordSetCount></HostedZone></HostedZones><IsTruncated>false</IsTruncated><MaxItems>10</MaxItems></ListHostedZonesByNameResponse>')
        if path == "/2013-04-01/hostedzone/ZSTUB/rrset":
            return self.answer(503, error("ServiceUnavailable", "stub: unavailable"))
        if path == "/2013-04-01/change/CSTUB":
            return self.answer(200, change("INSYNC" if calls[f"GET {path}"] > 2 else "PENDING"))
        return self.answer(404, error("NoSuchResource", path))

    def do_POST(self):
        path = self.path.split("?")[0]
        calls[f"POST {path}"] += 1
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if path == "/2013-04-01/hostedzone/ZSTUB/rrset":
            if calls[f"POST {path}"] <= 2:
                return self.answer(400, error("Throttling", "Rate exceeded"))
            body = change("PENDING").replace("GetChangeResponse", "ChangeResourceRecordSetsResponse")
            return self.answer(200, body)
        return self.answer(404, error("NoSuchResource", path))


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1] + ".tmp", "w") as port_file:
    port_file.write(str(server.server_address[1]))
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
server.serve_forever()
