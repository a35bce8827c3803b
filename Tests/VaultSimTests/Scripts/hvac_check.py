"""Drives vault-sim with the official Python client hvac, as a program would drive Vault.

Usage: hvac_check.py BASE_URL ROOT_TOKEN SCENARIO
Each scenario asserts what hvac returns or raises and prints "ok: SCENARIO"; any failed
assertion prints a traceback and exits non-zero. The simulator is started by VaultSimHvacTests
with the configuration those tests give (role-1/secret-1, the "reader" token, namespace tenant-a).
"""
import sys

import hvac
import requests
from hvac import exceptions

BASE, ROOT, SCENARIO = sys.argv[1], sys.argv[2], sys.argv[3]


def admin(path, body=None):
    answer = requests.post(f"{BASE}/sim/{path}", json=body or {}, headers={"X-Vault-Token": ROOT}, timeout=10)
    assert answer.status_code in (200, 204), (path, answer.status_code, answer.text)


def raises(kind, call):
    try:
        call()
    except kind as error:
        return error
    except Exception as error:  # noqa: BLE001 - report the wrong kind plainly
        raise AssertionError(f"expected {kind.__name__}, got {type(error).__name__}: {error}")
    raise AssertionError(f"expected {kind.__name__}, nothing was raised")


def kv():
    client = hvac.Client(url=BASE, token=ROOT)
    assert client.is_authenticated()
    assert not hvac.Client(url=BASE, token="not-a-token").is_authenticated()
    kv2 = client.secrets.kv.v2

    first = kv2.create_or_update_secret(path="tenants/acme/db", secret={"password": "one"})
    assert first["data"]["version"] == 1, first
    second = kv2.create_or_update_secret(path="tenants/acme/db", secret={"password": "two"}, cas=1)
    assert second["data"]["version"] == 2, second
    raises(exceptions.InvalidRequest, lambda: kv2.create_or_update_secret(path="tenants/acme/db", secret={"x": "y"}, cas=1))
    kv2.create_or_update_secret(path="tenants/acme/smtp", secret={"user": "shop"})
    kv2.create_or_update_secret(path="tenants/globex/db", secret={"password": "g"})

    latest = kv2.read_secret_version(path="tenants/acme/db", raise_on_deleted_version=True)
    assert latest["data"]["data"] == {"password": "two"}, latest
    assert latest["data"]["metadata"]["version"] == 2
    assert latest["lease_id"] == "" and latest["renewable"] is False and latest["mount_type"] == "kv"
    older = kv2.read_secret_version(path="tenants/acme/db", version=1, raise_on_deleted_version=True)
    assert older["data"]["data"] == {"password": "one"}, older

    metadata = kv2.read_secret_metadata(path="tenants/acme/db")
    assert metadata["data"]["current_version"] == 2
    assert set(metadata["data"]["versions"]) == {"1", "2"}, metadata

    assert kv2.list_secrets(path="tenants")["data"]["keys"] == ["acme/", "globex/"]
    assert kv2.list_secrets(path="tenants/acme")["data"]["keys"] == ["db", "smtp"]
    raises(exceptions.InvalidPath, lambda: kv2.list_secrets(path="nowhere"))

    kv2.delete_latest_version_of_secret(path="tenants/acme/db")
    raises(exceptions.InvalidPath, lambda: kv2.read_secret_version(path="tenants/acme/db", raise_on_deleted_version=True))
    soft = kv2.read_secret_version(path="tenants/acme/db", raise_on_deleted_version=False)
    assert soft["data"]["data"] is None and soft["data"]["metadata"]["deletion_time"] != "", soft

    kv2.undelete_secret_versions(path="tenants/acme/db", versions=[2])
    assert kv2.read_secret_version(path="tenants/acme/db", raise_on_deleted_version=True)["data"]["data"] == {"password": "two"}

    kv2.delete_secret_versions(path="tenants/acme/db", versions=[1])
    kv2.destroy_secret_versions(path="tenants/acme/db", versions=[1])
    raises(exceptions.InvalidPath,
           lambda: kv2.read_secret_version(path="tenants/acme/db", version=1, raise_on_deleted_version=True))
    assert kv2.read_secret_metadata(path="tenants/acme/db")["data"]["versions"]["1"]["destroyed"] is True

    kv2.configure(max_versions=5, cas_required=False)
    assert kv2.read_configuration()["data"]["max_versions"] == 5

    kv2.delete_metadata_and_all_versions(path="tenants/globex/db")
    raises(exceptions.InvalidPath, lambda: kv2.read_secret_metadata(path="tenants/globex/db"))
    raises(exceptions.InvalidPath, lambda: kv2.read_secret_version(path="missing", raise_on_deleted_version=True))


def auth():
    client = hvac.Client(url=BASE)
    assert not client.is_authenticated()
    login = client.auth.approle.login(role_id="role-1", secret_id="secret-1")
    token = login["auth"]["client_token"]
    assert token.startswith("hvs.") and client.token == token, login
    assert login["auth"]["policies"] == ["acme-read", "default"], login
    assert login["auth"]["lease_duration"] == 1200 and login["auth"]["renewable"] is True
    assert client.is_authenticated()

    me = client.auth.token.lookup_self()
    assert me["data"]["id"] == token and me["data"]["display_name"] == "approle", me
    assert me["data"]["policies"] == ["acme-read", "default"]

    renewed = client.auth.token.renew_self(increment=600)
    assert renewed["auth"]["client_token"] == token and renewed["auth"]["lease_duration"] == 600, renewed

    raises(exceptions.InvalidRequest, lambda: hvac.Client(url=BASE).auth.approle.login(role_id="role-1", secret_id="wrong"))

    admin("tokens/expire", {"token": token})
    assert not client.is_authenticated()
    raises(exceptions.Forbidden, lambda: client.auth.token.lookup_self())


def errors():
    hvac.Client(url=BASE, token=ROOT).secrets.kv.v2.create_or_update_secret(path="tenants/acme/db", secret={"p": "1"})
    hvac.Client(url=BASE, token=ROOT).secrets.kv.v2.create_or_update_secret(path="tenants/globex/db", secret={"p": "2"})
    reader = hvac.Client(url=BASE, token="reader").secrets.kv.v2
    assert reader.read_secret_version(path="tenants/acme/db", raise_on_deleted_version=True)["data"]["data"] == {"p": "1"}
    denied = raises(exceptions.Forbidden, lambda: reader.read_secret_version(path="tenants/globex/db", raise_on_deleted_version=True))
    assert denied.errors == ["1 error occurred:\n\t* permission denied\n\n"], denied.errors
    raises(exceptions.InvalidPath, lambda: reader.read_secret_version(path="tenants/acme/missing", raise_on_deleted_version=True))

    admin("fail", {"count": 1, "status": 500})
    raises(exceptions.InternalServerError, lambda: reader.read_secret_version(path="tenants/acme/db", raise_on_deleted_version=True))
    admin("fail", {"count": 1, "status": 502})
    raises(exceptions.BadGateway, lambda: reader.read_secret_version(path="tenants/acme/db", raise_on_deleted_version=True))

    admin("seal")
    root = hvac.Client(url=BASE, token=ROOT)
    assert root.sys.is_sealed()
    assert root.sys.read_health_status(method="GET").status_code == 503
    sealed = raises(exceptions.VaultDown, lambda: reader.read_secret_version(path="tenants/acme/db", raise_on_deleted_version=True))
    assert sealed.errors == ["Vault is sealed"], sealed.errors
    admin("unseal")
    assert not root.sys.is_sealed()
    assert root.sys.read_health_status(method="GET")["initialized"] is True


def namespaces():
    inside = hvac.Client(url=BASE, token=ROOT, namespace="tenant-a")
    inside.secrets.kv.v2.create_or_update_secret(path="shop/db", secret={"who": "tenant-a"})
    assert inside.secrets.kv.v2.read_secret_version(path="shop/db", raise_on_deleted_version=True)["data"]["data"] == {"who": "tenant-a"}
    assert inside.secrets.kv.v2.list_secrets(path="shop")["data"]["keys"] == ["db"]
    outside = hvac.Client(url=BASE, token=ROOT)
    raises(exceptions.InvalidPath, lambda: outside.secrets.kv.v2.read_secret_version(path="shop/db", raise_on_deleted_version=True))
    member = hvac.Client(url=BASE, namespace="tenant-a")
    member.auth.approle.login(role_id="role-a", secret_id="secret-a")
    assert member.auth.token.lookup_self()["data"]["namespace_path"] == "tenant-a/"
    assert member.secrets.kv.v2.read_secret_version(path="shop/db", raise_on_deleted_version=True)["data"]["data"] == {"who": "tenant-a"}
    stranger = hvac.Client(url=BASE, token=member.token)
    raises(exceptions.Forbidden, lambda: stranger.secrets.kv.v2.read_secret_version(path="shop/db", raise_on_deleted_version=True))


{"kv": kv, "auth": auth, "errors": errors, "namespaces": namespaces}[SCENARIO]()
print(f"ok: {SCENARIO} (hvac {hvac.__version__ if hasattr(hvac, '__version__') else 'unknown'})")
