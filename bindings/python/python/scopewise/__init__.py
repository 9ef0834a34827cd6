"""Which OAuth scope each HighLevel (LeadConnector) API call needs.

    >>> import scopewise
    >>> scopewise.precheck("contacts.readonly", "GET", "/contacts/abc123").template
    '/contacts/{contactId}'

``precheck`` returns the endpoint a request calls, or raises :class:`ScopeDenied` naming the
missing scope, before the request is sent. ``Grant`` parses a token's scope string once for
many checks. ``lookup`` and ``minimal_scopes`` answer the other questions. The data is
compiled into the module; ``CATALOG_FINGERPRINT`` says which version of it.
"""

from ._scopewise import (
    CATALOG_FINGERPRINT,
    Endpoint,
    Grant,
    MinimalScopes,
    ScopeDenied,
    lookup,
    minimal_scopes,
    precheck,
)

__all__ = [
    "CATALOG_FINGERPRINT",
    "Endpoint",
    "Grant",
    "MinimalScopes",
    "ScopeDenied",
    "lookup",
    "minimal_scopes",
    "precheck",
]
