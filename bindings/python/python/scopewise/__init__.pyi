from typing import Literal, Optional, Sequence

TokenType = Literal["sub-account", "agency"]
DenialReason = Literal["invalid-request", "unknown-endpoint", "undocumented-scope", "wrong-token-type", "missing-scope"]
Capability = Literal["endpoints", "groups"]

CATALOG_FINGERPRINT: str
"""Which version of the HighLevel data this module was built from (``providers()`` has every
provider's)."""

# ``provider=`` everywhere: a provider's short name, ASCII case ignored (``"highlevel"``,
# ``"sfmc"``; see :func:`providers`). None means the default. An unknown name raises
# ValueError with the runtime's message; a provider whose catalog cannot answer the question
# (``lookup`` on ``"sfmc"``) raises ValueError naming what its catalog holds.

class Endpoint:
    """One endpoint of a provider's catalog. Equal (and hashed) by identity of the endpoint
    and its catalog."""

    @property
    def provider(self) -> str:
        """The provider whose catalog holds it: ``highlevel``."""

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
    @property
    def auth(self) -> Literal["scopes", "token", "none"]:
        """What it needs: ``scopes`` (one of ``scopes``; none listed means undocumented, always
        denied), ``token`` (a token only) or ``none`` (nothing, as ``POST /oauth/token``)."""
    @property
    def versions(self) -> list[str]:
        """The ``Version`` header values the vendor's OpenAPI specs accept; empty when they do
        not constrain it."""
    @property
    def deprecated(self) -> bool:
        """Whether the vendor has deprecated it."""
    @property
    def replacement(self) -> Optional[str]:
        """For a deprecated endpoint, the call the vendor names instead, if any."""

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

    def __init__(self, scopes: str, token: TokenType = "sub-account", *, provider: Optional[str] = None) -> None: ...
    @property
    def provider(self) -> str:
        """The provider whose catalog the grant checks against: ``highlevel``."""
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

class Token:
    """A token of a provider whose catalog holds token groups (SFMC)."""

    provider: str
    """The provider whose catalog holds it: ``sfmc``."""
    name: str
    """The token as the OAuth ``scope`` parameter spells it: ``email_read``."""
    status: Literal["documented", "undocumented-here"]
    """Whether the vendor's page documents it (an undocumented-here token still exists)."""
    group: Optional[str]
    """The display name of its group (``Email``); None for a token outside every group."""
    level: Optional[str]
    """The level it grants in its group, lower case (``read``); None if it has none."""
    display_name: Optional[str]
    """How the vendor's page names it: ``Email Read``."""
    reason: Optional[str]
    """For an undocumented-here token: why the page does not list it."""

class UnknownToken(ValueError):
    """Raised by :func:`lookup_token`: ``str(e)`` explains what the name is instead."""

    suggestions: list[str]
    """The tokens probably meant, best first (possibly none)."""

class ProviderInfo:
    """A provider scopewise has a catalog for."""

    name: str
    """The short name ``provider=`` takes: ``highlevel``."""
    title: str
    """The name for people: ``HighLevel (LeadConnector)``."""
    capability: Capability
    """``endpoints`` (lookup, precheck, Grant, minimal_scopes) or ``groups`` (lookup_token)."""
    fingerprint: str
    """Which version of the provider's data this module was built from."""

def providers() -> list[ProviderInfo]:
    """Every provider, the default first."""

def lookup(method: str, target: str, *, provider: Optional[str] = None) -> Optional[Endpoint]:
    """The endpoint ``method`` + ``target`` (template, path or URL) calls, or None.

    Raises ValueError when the method or target is malformed.
    """

def precheck(
    scopes: str, method: str, target: str, token: TokenType = "sub-account", *, provider: Optional[str] = None
) -> Endpoint:
    """The endpoint the request calls, if a token with ``scopes`` (space-separated) and type
    ``token`` may make it; else raises :class:`ScopeDenied`. Raises ValueError for an unknown
    token type."""

def minimal_scopes(
    calls: Sequence[str], webhooks: Sequence[str] = ..., *, provider: Optional[str] = None
) -> MinimalScopes:
    """The smallest scope set granting every ``"METHOD target"`` call and webhook event."""

def lookup_token(name: str, provider: Optional[str] = None) -> Token:
    """The token ``name`` (exactly, as OAuth compares it) of a provider whose catalog holds token
    groups; None means the first such provider, ``sfmc``. Raises :class:`UnknownToken` with the
    runtime's explanation (``Email Read`` → ``email_read``, ``email_reed`` → the Email group's
    tokens) otherwise."""
