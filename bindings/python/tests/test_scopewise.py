import pytest

import scopewise
from scopewise import (
    Endpoint,
    Grant,
    ProviderInfo,
    ScopeDenied,
    Token,
    UnknownToken,
    lookup,
    lookup_token,
    minimal_scopes,
    precheck,
)


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


def test_the_provider_defaults_to_highlevel():
    explicit = lookup("GET", "/contacts/{contactId}", provider="highlevel")
    assert explicit is not None and explicit.provider == "highlevel"
    assert lookup("GET", "/contacts/{contactId}") == explicit
    assert lookup("GET", "/contacts/{contactId}", provider="HighLevel") == explicit
    assert lookup("GET", "/contacts/{contactId}", provider=None) == explicit
    assert precheck("contacts.readonly", "GET", "/contacts/x", provider="highlevel") == explicit
    g = Grant("contacts.readonly", provider="highlevel")
    assert g.provider == "highlevel" == Grant("contacts.readonly").provider
    assert g.precheck("GET", "/contacts/x") == explicit
    with pytest.raises(ScopeDenied) as info:
        precheck("contacts.readonly", "POST", "/contacts", token="sub-account", provider="highlevel")
    assert info.value.endpoint.provider == "highlevel"
    m = minimal_scopes(["POST /contacts"], provider="highlevel")
    assert m.scope_string == minimal_scopes(["POST /contacts"]).scope_string == "contacts.write"


def test_an_unknown_provider_raises_the_runtimes_message():
    message = "unknown provider `salesforce`; scopewise has `highlevel`, `sfmc` or `xero`"
    calls = [
        lambda: lookup("GET", "/contacts/x", provider="salesforce"),
        lambda: precheck("contacts.readonly", "GET", "/contacts/x", provider="salesforce"),
        lambda: Grant("contacts.readonly", provider="salesforce"),
        lambda: minimal_scopes(["GET /contacts/x"], provider="salesforce"),
        lambda: lookup_token("email_read", provider="salesforce"),
    ]
    for call in calls:
        with pytest.raises(ValueError) as info:
            call()
        assert str(info.value) == message


def test_a_provider_without_endpoints_is_refused_by_the_endpoint_functions():
    message = "provider `sfmc` has token groups and SOAP operations, not REST endpoints; use lookup_token"
    calls = [
        lambda: lookup("GET", "/contacts/x", provider="sfmc"),
        lambda: precheck("email_read", "GET", "/contacts/x", provider="SFMC"),
        lambda: Grant("email_read", provider="sfmc"),
        lambda: minimal_scopes(["GET /contacts/x"], provider="sfmc"),
    ]
    for call in calls:
        with pytest.raises(ValueError) as info:
            call()
        assert str(info.value) == message
    with pytest.raises(ValueError) as info:
        lookup_token("email_read", provider="highlevel")
    assert str(info.value) == (
        "provider `highlevel` has REST endpoints, not token groups and SOAP operations; use lookup"
    )


def test_lookup_token_finds_an_sfmc_token():
    t = lookup_token("email_read")
    assert isinstance(t, Token)
    assert (t.provider, t.name, t.group, t.level, t.status) == ("sfmc", "email_read", "Email", "read", "documented")
    assert t.display_name == "Email Read" and t.reason is None
    assert str(t) == "email_read" and repr(t) == "<Token email_read>"
    assert lookup_token("email_read", provider="sfmc").name == "email_read"
    tags = lookup_token("tags_read", "sfmc")
    assert tags.status == "undocumented-here" and tags.reason
    offline = lookup_token("offline")
    assert offline.group is None and offline.level is None


def test_lookup_token_explains_an_unknown_token():
    with pytest.raises(UnknownToken) as info:
        lookup_token("email_reed")
    assert isinstance(info.value, ValueError)
    assert str(info.value).startswith("unknown token `email_reed`: ")
    assert "`email_read`" in str(info.value)
    assert info.value.suggestions[0] == "email_read"
    with pytest.raises(UnknownToken) as info:
        lookup_token("Email Read")
    assert str(info.value) == "unknown token `Email Read`: the OAuth token for Email Read is `email_read`"
    assert info.value.suggestions == ["email_read"]


def test_providers_lists_every_catalog():
    listed = scopewise.providers()
    assert all(isinstance(p, ProviderInfo) for p in listed)
    by_name = {p.name: p for p in listed}
    assert [p.name for p in listed][0] == "highlevel"
    assert set(by_name) >= {"highlevel", "sfmc"}
    assert by_name["highlevel"].capability == "endpoints"
    assert by_name["highlevel"].fingerprint == scopewise.CATALOG_FINGERPRINT
    assert by_name["highlevel"].title == "HighLevel (LeadConnector)"
    assert by_name["sfmc"].capability == "groups"
    assert by_name["sfmc"].title == "Salesforce Marketing Cloud Engagement"
    assert len(by_name["sfmc"].fingerprint) == 16


def test_xero_is_reachable_and_reads_with_the_read_only_scope():
    e = scopewise.lookup("GET", "https://api.xero.com/api.xro/2.0/Invoices", provider="xero")
    assert e.template == "/api.xro/2.0/Invoices"
    assert "accounting.transactions.read" in e.scopes
    assert scopewise.precheck(
        "accounting.transactions.read", "GET", "/api.xro/2.0/Invoices", provider="xero"
    ).template == "/api.xro/2.0/Invoices"
    with pytest.raises(scopewise.ScopeDenied) as denied:
        scopewise.precheck("accounting.transactions.read", "PUT", "/api.xro/2.0/Invoices", provider="xero")
    assert denied.value.reason == "missing-scope"
