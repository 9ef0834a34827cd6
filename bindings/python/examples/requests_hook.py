"""Pre-check every request of a ``requests.Session`` before it is sent.

A call the token's scopes do not allow (which the API would answer with 401 "The token is not
authorized for this scope.") raises ``scopewise.ScopeDenied`` naming the missing scope, and
never leaves the process. Nothing goes over the network here: the session's adapter records
requests instead of sending them.

    python examples/requests_hook.py
"""

import requests
from requests.adapters import BaseAdapter

import scopewise


class PrecheckingAdapter(BaseAdapter):
    """Wraps the real adapter: pre-checks, then delegates."""

    def __init__(self, grant: scopewise.Grant, inner: BaseAdapter):
        super().__init__()
        self.grant, self.inner = grant, inner

    def send(self, request, **kwargs):
        self.grant.precheck(request.method, request.url)  # raises ScopeDenied
        return self.inner.send(request, **kwargs)

    def close(self):
        self.inner.close()


class RecordingAdapter(BaseAdapter):
    """Stands in for the network."""

    def __init__(self):
        super().__init__()
        self.sent = []

    def send(self, request, **kwargs):
        self.sent.append(f"{request.method} {request.path_url}")
        response = requests.Response()
        response.status_code, response.request, response.url = 200, request, request.url
        return response

    def close(self):
        pass


network = RecordingAdapter()
session = requests.Session()
grant = scopewise.Grant("contacts.readonly", token="sub-account")
session.mount("https://services.leadconnectorhq.com/", PrecheckingAdapter(grant, network))

session.get("https://services.leadconnectorhq.com/contacts/abc123", params={"locationId": "loc1"})
print("sent:   GET /contacts/abc123")
try:
    session.post("https://services.leadconnectorhq.com/contacts/", json={"firstName": "Ada"})
    raise SystemExit("the request should have been stopped")
except scopewise.ScopeDenied as denied:
    assert denied.missing == ["contacts.write"], denied.missing
    print(f"denied: {denied}")
assert network.sent == ["GET /contacts/abc123?locationId=loc1"], network.sent
print("ok: 1 request sent, 1 stopped before sending")
