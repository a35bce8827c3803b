"""Buys a domain from ovh-sim with the official OVH Python client, `ovh` (PyPI), as OVH's own
documentation orders one: a cart, the domain as its item, the cart assigned, the checkout with
autoPayWithPreferredPaymentMethod, then the order's status until delivered, and the domain in
GET /domain. A second checkout of the same cart is refused.

Usage: ovh_order_check.py API_URL APPLICATION_KEY APPLICATION_SECRET CONSUMER_KEY
Prints "ok: order" on success; a failed assertion prints a traceback and exits non-zero.
"""
import sys

import ovh
import ovh.client
import requests

API, AK, AS, CK = sys.argv[1:5]
SIM = API.rsplit("/", 1)[0] + "/sim"
ovh.client.ENDPOINTS["ovh-sim"] = API
c = ovh.Client(endpoint="ovh-sim", application_key=AK, application_secret=AS, consumer_key=CK)

assert c.get("/domain") == [], c.get("/domain")
cart = c.post("/order/cart", ovhSubsidiary="FR")
cart_id = cart["cartId"]
offers = c.get(f"/order/cart/{cart_id}/domain", domain="python-shop.fr")
assert offers[0]["action"] == "create" and offers[0]["orderable"] is True, offers
item = c.post(f"/order/cart/{cart_id}/domain", domain="python-shop.fr", duration="P1Y")
assert item["domain"] == "python-shop.fr" and isinstance(item["itemId"], int), item
assert c.post(f"/order/cart/{cart_id}/assign") is None
summary = c.get(f"/order/cart/{cart_id}/checkout")
assert summary["prices"]["withTax"] == {"currencyCode": "EUR", "text": "8.39 EUR", "value": 8.39}, summary
assert summary.get("orderId") is None, summary
order = c.post(f"/order/cart/{cart_id}/checkout", autoPayWithPreferredPaymentMethod=True, waiveRetractationPeriod=False)
order_id = order["orderId"]
assert isinstance(order_id, int) and order["prices"]["withTax"]["value"] == 8.39, order
assert c.get(f"/order/cart/{cart_id}")["readOnly"] is True

try:
    c.post(f"/order/cart/{cart_id}/checkout", autoPayWithPreferredPaymentMethod=True, waiveRetractationPeriod=False)
    raise AssertionError("a cart was checked out twice")
except ovh.exceptions.APIError as error:  # OVH's 403 without errorCode: the client's base error
    assert error.response.status_code == 403, error

assert c.get("/me/order") == [order_id]
statuses = [c.get(f"/me/order/{order_id}/status") for _ in range(3)]
assert statuses[0] == "checking" and statuses[-1] == "delivered", statuses
assert [d["domain"] for d in c.get(f"/me/order/{order_id}/details")] == ["python-shop.fr"]
assert c.get("/domain") == ["python-shop.fr"]
assert "python-shop.fr" in c.get("/domain/zone"), "the zone comes with the order"
assert len(requests.get(f"{SIM}/orders", timeout=10).json()) == 1
print("ok: order")
