"""Drives ovh-sim with the official OVH Python client, `ovh` (PyPI), as a program would drive OVH.

Usage: ovh_check.py API_URL APPLICATION_KEY APPLICATION_SECRET CONSUMER_KEY SCENARIO
The client signs every call itself; ovh-sim verifies each signature and timestamp. Each scenario
asserts what the client returns or raises and prints "ok: SCENARIO"; a failed assertion prints a
traceback and exits non-zero.
"""
import sys

import ovh
import ovh.client
import requests

API, AK, AS, CK, SCENARIO = sys.argv[1:6]
SIM = API.rsplit("/", 1)[0] + "/sim"


# The client knows OVH's endpoints by name only: ovh-sim's URL is added as one more name.
ovh.client.ENDPOINTS["ovh-sim"] = API


def client(secret=AS, consumer=CK):
    return ovh.Client(endpoint="ovh-sim", application_key=AK, application_secret=secret, consumer_key=consumer)


def raises(kind, call):
    try:
        call()
    except kind as error:
        return error
    except Exception as error:  # noqa: BLE001 - report the wrong kind plainly
        raise AssertionError(f"expected {kind.__name__}, got {type(error).__name__}: {error}")
    raise AssertionError(f"expected {kind.__name__}, nothing was raised")


def served(zone):
    return requests.get(f"{SIM}/zones/{zone}/served", timeout=10).json()


def records():
    c = client()
    assert c.get("/domain/zone") == ["acme.fr", "bibind.com"], c.get("/domain/zone")
    ids = c.get("/domain/zone/acme.fr/record")
    assert len(ids) == 5 and all(isinstance(i, int) for i in ids), ids
    apex = [c.get(f"/domain/zone/acme.fr/record/{i}") for i in c.get("/domain/zone/acme.fr/record", fieldType="A", subDomain="")]
    assert [(r["target"], r["ttl"], r["subDomain"]) for r in apex] == [("203.0.113.1", 0, "")], apex

    created = c.post("/domain/zone/acme.fr/record", fieldType="TXT", subDomain="_acme-challenge.shop", target="token-1", ttl=60)
    assert created["target"] == "token-1" and isinstance(created["id"], int), created
    assert c.get("/domain/zone/acme.fr/record", fieldType="TXT", subDomain="_acme-challenge.shop") == [created["id"]]
    assert c.put(f"/domain/zone/acme.fr/record/{created['id']}", target="token-2", ttl=120) is None
    assert c.get(f"/domain/zone/acme.fr/record/{created['id']}")["target"] == "token-2"
    assert not any(r["subDomain"] == "_acme-challenge.shop" for r in served("acme.fr")), "served before refresh"
    assert c.get("/domain/zone/acme.fr/status")["isDeployed"] is False

    assert c.post("/domain/zone/acme.fr/refresh") is None
    assert [r["target"] for r in served("acme.fr") if r["subDomain"] == "_acme-challenge.shop"] == ["token-2"]
    assert c.get("/domain/zone/acme.fr/status")["isDeployed"] is True

    assert c.delete(f"/domain/zone/acme.fr/record/{created['id']}") is None
    raises(ovh.exceptions.ResourceNotFoundError, lambda: c.get(f"/domain/zone/acme.fr/record/{created['id']}"))
    c.post("/domain/zone/acme.fr/refresh")
    assert not any(r["subDomain"] == "_acme-challenge.shop" for r in served("acme.fr"))


def errors():
    raises(ovh.exceptions.BadParametersError, lambda: client(secret="wrong-secret").get("/domain/zone"))
    raises(ovh.exceptions.InvalidCredential, lambda: client(consumer="no-such-consumer").get("/domain/zone"))
    raises(ovh.exceptions.ResourceNotFoundError, lambda: client().get("/domain/zone/globex.fr/record"))
    raises(ovh.exceptions.BadParametersError, lambda: client().post("/domain/zone/acme.fr/record", fieldType="NOPE", target="x"))
    # ovh-sim's clock a day ahead: the client reads /auth/time first, so its calls still pass.
    requests.post(f"{SIM}/clock", json={"skewSeconds": 86400}, timeout=10)
    assert client().get("/domain/zone")
    requests.post(f"{SIM}/reset-faults", json={}, timeout=10)


SCENARIOS = {"records": records, "errors": errors}
SCENARIOS[SCENARIO]()
print(f"ok: {SCENARIO}")
