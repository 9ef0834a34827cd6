from typing import Literal, Optional, Sequence

TokenType = Literal["sub-account", "agency"]
DenialReason = Literal["invalid-request", "unknown-endpoint", "undocumented-scope", "wrong-token-type", "missing-scope"]

CATALOG_FINGERPRINT: str
"""Which version of the HighLevel data this module was built from."""

class Endpoint:
    """One endpoint of the HighLevel catalog. Equal (and hashed) by identity of the endpoint."""

    @property
    def method(self) -> str:
        """``GET``, ``POST``, ``PUT``, ``PATCH`` or ``DELETE``."""
    @property
    def template(self) -> str:
        """The canonical template: ``/contacts/{contactId}``."""
    @property
    def scopes(self) -> list[str]:
        """The scopes that grant the endpoint; any one is enough."""
    @property
    def access(self) -> list[TokenType]:
        """The token types that may call it."""
    @property
    def version(self) -> Optional[str]:
        """The API ``Version`` header the reference gives, if any."""
    @property
    def title(self) -> Optional[str]:
        """The reference's title, if any."""
    @property
    def private_integration(self) -> bool:
        """Whether a Private Integration token may call it."""

class ScopeDenied(Exception):
    """The token may not make the request. ``str(e)`` is the full sentence."""

    reason: DenialReason
    """Why, as a stable code."""
    message: str
    """The same sentence as ``str(e)``."""
    missing: list[str]
    """For ``missing-scope``: the scopes that would grant the request (any one); else empty."""
    endpoint: Optional[Endpoint]
    """The endpoint the request calls, for ``missing-scope`` and ``wrong-token-type``."""
    allowed: list[TokenType]
    """For ``wrong-token-type``: the token types the endpoint allows; else empty."""
    nearest: list[Endpoint]
    """For ``unknown-endpoint``: up to three look-alike endpoints, closest first."""

class Grant:
    """A token's scopes and type, parsed once for many pre-checks."""

    def __init__(self, scopes: str, token: TokenType = "sub-account") -> None: ...
    @property
    def scopes(self) -> list[str]:
        """The granted scopes the catalog knows, in catalog order."""
    @property
    def unknown(self) -> list[str]:
        """The granted names the catalog does not know."""
    @property
    def token(self) -> TokenType: ...
    def precheck(self, method: str, target: str) -> Endpoint:
        """Like :func:`precheck` with this grant. Raises :class:`ScopeDenied`."""

class MinimalScopes:
    """The answer of :func:`minimal_scopes`; ``str()`` is the scope string."""

    scopes: list[str]
    scope_string: str
    unmatched: list[tuple[str, str]]
    """Calls that matched no endpoint, as ``(call, reason)``."""
    unknown_webhooks: list[str]
    ungrantable: list[str]
    @property
    def is_complete(self) -> bool: ...

def lookup(method: str, target: str) -> Optional[Endpoint]:
    """The endpoint ``method`` + ``target`` (template, path or URL) calls, or None.

    Raises ValueError when the method or target is malformed.
    """

def precheck(scopes: str, method: str, target: str, token: TokenType = "sub-account") -> Endpoint:
    """The endpoint the request calls, if a token with ``scopes`` (space-separated) and type
    ``token`` may make it; else raises :class:`ScopeDenied`. Raises ValueError for an unknown
    token type."""

def minimal_scopes(calls: Sequence[str], webhooks: Sequence[str] = ...) -> MinimalScopes:
    """The smallest scope set granting every ``"METHOD target"`` call and webhook event."""
