import pytest

import scopewise
from scopewise import Endpoint, Grant, ScopeDenied, lookup, minimal_scopes, precheck


def test_precheck_returns_the_endpoint_of_an_allowed_request():
    e = precheck("contacts.readonly", "GET", "/contacts/abc123?locationId=x")
    assert isinstance(e, Endpoint)
    assert e.template == "/contacts/{contactId}"
    assert e.method == "GET"
    assert e.scopes == ["contacts.readonly"]
    assert "sub-account" in e.access
    assert e.version == "2021-07-28"
    assert str(e) == "GET /contacts/{contactId}"
    assert repr(e) == "<Endpoint GET /contacts/{contactId}>"
    same = precheck("contacts.readonly", "get", "https://services.leadconnectorhq.com/contacts/x")
    assert same == e and hash(same) == hash(e)


def test_a_missing_scope_raises_scope_denied_naming_it():
    with pytest.raises(ScopeDenied) as info:
        precheck("contacts.readonly", "POST", "/contacts")
    err = info.value
    assert err.reason == "missing-scope"
    assert err.missing == ["contacts.write"]
    assert err.endpoint.template == "/contacts"
    assert str(err) == "POST /contacts needs one of the scopes [contacts.write]; the token has none of them"
    assert err.message == str(err)
    assert err.allowed == [] and err.nearest == []


def test_wrong_token_type_unknown_endpoint_and_malformed_requests_are_denied():
    with pytest.raises(ScopeDenied) as info:
        precheck("locations.write", "POST", "/locations")
    assert info.value.reason == "wrong-token-type"
    assert info.value.allowed == ["agency"]
    assert info.value.missing == []
    assert precheck("locations.write", "POST", "/locations", token="agency").template == "/locations"

    with pytest.raises(ScopeDenied) as info:
        precheck("contacts.readonly", "GET", "/contacts/abc/taskz")
    assert info.value.reason == "unknown-endpoint"
    assert info.value.endpoint is None
    assert info.value.nearest[0].template == "/contacts/{contactId}/tasks"

    for target in ["/contacts/../users", "https://evil.example/contacts/x", "/contacts/\x00"]:
        with pytest.raises(ScopeDenied) as info:
            precheck("contacts.readonly", "GET", target)
        assert info.value.reason == "invalid-request", target


def test_bad_arguments_are_python_errors():
    with pytest.raises(ValueError, match='unknown token type "admin"'):
        precheck("contacts.readonly", "GET", "/contacts/x", token="admin")
    with pytest.raises(TypeError):
        precheck(None, "GET", "/contacts/x")  # type: ignore[arg-type]
    with pytest.raises(UnicodeEncodeError):
        precheck("contacts.readonly", "GET", "/contacts/\udcff")


def test_grant_parses_once_and_checks_many():
    g = Grant("contacts.readonly contacts.write nope.nope")
    assert g.scopes == ["contacts.readonly", "contacts.write"]
    assert g.unknown == ["nope.nope"]
    assert g.token == "sub-account"
    assert g.precheck("POST", "/contacts").template == "/contacts"
    with pytest.raises(ScopeDenied) as info:
        g.precheck("GET", "/users/u1")
    assert info.value.missing == ["users.readonly"]


def test_lookup_takes_templates_paths_and_urls():
    e = lookup("GET", "/contacts/:id/tasks")
    assert e is not None and e.template == "/contacts/{contactId}/tasks"
    assert lookup("GET", "/contacts/{x}/tasks") == e
    assert lookup("GET", "/contacts/abc/tasks") == e
    assert lookup("GET", "/nope") is None
    with pytest.raises(ValueError, match="unknown HTTP method `BREW`"):
        lookup("BREW", "/contacts")
    with pytest.raises(ValueError, match="dot segment"):
        lookup("GET", "/a/../b")


def test_minimal_scopes():
    m = minimal_scopes(["GET /contacts/{contactId}", "POST /contacts", "GET /nope"], ["ContactCreate", "NoSuch"])
    assert m.scope_string == "contacts.readonly contacts.write" == str(m)
    assert m.scopes == ["contacts.readonly", "contacts.write"]
    assert [call for call, _ in m.unmatched] == ["GET /nope"]
    assert m.unknown_webhooks == ["NoSuch"]
    assert not m.is_complete
    assert minimal_scopes([]).scope_string == ""


def test_the_catalog_fingerprint_is_exposed():
    assert len(scopewise.CATALOG_FINGERPRINT) >= 16


def test_what_an_endpoint_needs_its_versions_and_its_deprecation():
    token = lookup("POST", "/oauth/token")
    assert token.auth == "none" and token.scopes == []
    assert precheck("", "POST", "/oauth/token") == token
    contact = lookup("GET", "/contacts/{contactId}")
    assert contact.auth == "scopes"
    assert contact.versions == ["2021-07-28", "v3"]
    assert not contact.deprecated and contact.replacement is None
    users = lookup("GET", "/users/")
    assert users.deprecated and users.replacement == "GET /users/search"
