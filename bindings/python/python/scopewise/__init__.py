"""Which OAuth scope each API call needs: HighLevel (LeadConnector) and every other provider
scopewise has a catalog for.

    >>> import scopewise
    >>> scopewise.precheck("contacts.readonly", "GET", "/contacts/abc123").template
    '/contacts/{contactId}'

``precheck`` returns the endpoint a request calls, or raises :class:`ScopeDenied` naming the
missing scope, before the request is sent. ``Grant`` parses a token's scope string once for
many checks. ``lookup`` and ``minimal_scopes`` answer the other questions. They all take
``provider=`` (default ``"highlevel"``) and need a provider whose catalog holds REST endpoints;
``lookup_token`` answers for a provider whose catalog holds token groups (default ``"sfmc"``).
``providers()`` lists them. The data is compiled into the module; ``providers()`` gives each
catalog's fingerprint and ``CATALOG_FINGERPRINT`` is HighLevel's.
"""

from ._scopewise import (
    CATALOG_FINGERPRINT,
    Endpoint,
    Grant,
    MinimalScopes,
    ProviderInfo,
    ScopeDenied,
    Token,
    UnknownToken,
    lookup,
    lookup_token,
    minimal_scopes,
    precheck,
    providers,
)

__all__ = [
    "CATALOG_FINGERPRINT",
    "Endpoint",
    "Grant",
    "MinimalScopes",
    "ProviderInfo",
    "ScopeDenied",
    "Token",
    "UnknownToken",
    "lookup",
    "lookup_token",
    "minimal_scopes",
    "precheck",
    "providers",
]
