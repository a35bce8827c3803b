"""moto_server (moto 5.2.1) with the Route 53 Domains calls it lacks, answered in the shapes of
AWS's API reference, and two faults it never produces. Everything else is moto's own code:
RegisterDomain, GetOperationDetail, ListOperations, ListDomains, GetDomainDetail, and the
hosted zone moto makes with each registration.

moto 5.2.1 implements neither CheckDomainAvailability nor ListPrices (its dispatcher has no
such method). Added here: CheckDomainAvailability answers AVAILABLE unless the domain is held by
the account or listed in TAKEN (then UNAVAILABLE); ListPrices answers one entry per TLD with
RegistrationPrice from PRICES (USD per year).

Faults, from the environment:
  LOSE_REGISTER_ANSWERS=N   the first N RegisterDomain calls register, then answer HTTP 500
  IN_PROGRESS_READS=N       the first N GetOperationDetail reads say IN_PROGRESS
  HIDE_DOMAINS=1            ListDomains answers no domain (AWS lists a domain only once its
                            registration has gone far enough): the purchase is found by its operation
GET /stub/calls answers the count of calls per operation.

Usage: moto_domains.py PORT CALLS_PORT  (moto on PORT, the per-operation call counters on CALLS_PORT)
"""
import json
import os
import sys
from collections import Counter

from moto.route53domains.responses import Route53DomainsResponse
from moto.server import ThreadedMotoServer

PRICES = {"fr": 12.0, "com": 14.0, "net": 16.0}
TAKEN = {"taken-by-someone.com"}
calls = Counter()
lose = {"left": int(os.environ.get("LOSE_REGISTER_ANSWERS", "0"))}
in_progress = {"left": int(os.environ.get("IN_PROGRESS_READS", "0"))}


class LostAnswer(Exception):
    pass


def check_domain_availability(self):
    calls["CheckDomainAvailability"] += 1
    name = self._get_param("DomainName").lower()
    # moto keeps the account's domains in a private dict (ListDomains pages them).
    held = set(self.route53domains_backend._Route53DomainsBackend__domains)
    return json.dumps({"Availability": "UNAVAILABLE" if name in held or name in TAKEN else "AVAILABLE"})


def list_prices(self):
    calls["ListPrices"] += 1
    tld = self._get_param("Tld")
    entries = [{"Name": t, "RegistrationPrice": {"Price": p, "Currency": "USD"}, "RenewalPrice": {"Price": p, "Currency": "USD"}}
               for t, p in PRICES.items() if tld in (None, t)]
    return json.dumps({"Prices": entries})


original_register = Route53DomainsResponse.register_domain
original_list_domains = Route53DomainsResponse.list_domains
original_operation = Route53DomainsResponse.get_operation_detail


def register_domain(self):
    calls["RegisterDomain"] += 1
    answer = original_register(self)
    if lose["left"] > 0:
        lose["left"] -= 1
        return 500, {"status": 500}, json.dumps({"__type": "InternalFailure", "message": "stub: the answer was lost after the registration"})
    return answer


def get_operation_detail(self):
    calls["GetOperationDetail"] += 1
    answer = json.loads(original_operation(self))
    if in_progress["left"] > 0:
        in_progress["left"] -= 1
        answer["Status"] = "IN_PROGRESS"
    return json.dumps(answer)


def list_domains(self):
    calls["ListDomains"] += 1
    if os.environ.get("HIDE_DOMAINS") == "1":
        return json.dumps({"Domains": []})
    return original_list_domains(self)


Route53DomainsResponse.list_domains = list_domains
Route53DomainsResponse.check_domain_availability = check_domain_availability
Route53DomainsResponse.list_prices = list_prices
Route53DomainsResponse.register_domain = register_domain
Route53DomainsResponse.get_operation_detail = get_operation_detail

server = ThreadedMotoServer(ip_address="127.0.0.1", port=int(sys.argv[1]), verbose=False)
server.start()

# The counters, on a port of their own (moto's app owns the other): the second argument.
from http.server import BaseHTTPRequestHandler, HTTPServer  # noqa: E402


class Calls(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        data = json.dumps(calls).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


HTTPServer(("127.0.0.1", int(sys.argv[2])), Calls).serve_forever()
