/** A token type. */
export type TokenType = 'sub-account' | 'agency'

/** Why a request is denied, as a stable code. */
export type DenialReason = 'invalid-request' | 'unknown-endpoint' | 'undocumented-scope' | 'wrong-token-type' | 'missing-scope'

/**
 * A provider's short name, ASCII case ignored: `'highlevel'`, `'sfmc'` (see `providers()`).
 * Every `provider` argument is optional: omitted, it is the default for the question
 * (`highlevel` for endpoints, the first provider with token groups for `lookupToken`). An
 * unknown name throws the runtime's message; a provider whose catalog cannot answer the
 * question (`lookup` on `'sfmc'`) throws an Error naming what its catalog holds.
 */
export type ProviderName = string

/** What a provider's catalog holds: REST `endpoints`, or token `groups` (and SOAP operations). */
export type Capability = 'endpoints' | 'groups'

/** One endpoint of a provider's catalog. The same endpoint is always the same object. */
export interface Endpoint {
  /** The provider whose catalog holds it: `highlevel`. */
  readonly provider: string
  /** Its index in the provider's catalog. */
  readonly index: number
  /** `GET`, `POST`, `PUT`, `PATCH` or `DELETE`. */
  readonly method: string
  /** The canonical template: `/contacts/{contactId}`. */
  readonly template: string
  /** The scopes that grant it; any one is enough. */
  readonly scopes: readonly string[]
  /** The token types that may call it. */
  readonly access: readonly TokenType[]
  /** The API `Version` header the reference gives, if any. */
  readonly version?: string
  /** The reference's title, if any. */
  readonly title?: string
  /** Whether a Private Integration token may call it. */
  readonly privateIntegration: boolean
  /**
   * What it needs: `scopes` (one of `scopes`; none listed means undocumented, always denied),
   * `token` (a token only: no source states a scope) or `none` (nothing, as `POST /oauth/token`).
   */
  readonly auth: 'scopes' | 'token' | 'none'
  /** The `Version` header values the vendor's OpenAPI specs accept; empty when unconstrained. */
  readonly versions: readonly string[]
  /** Whether the vendor has deprecated it. */
  readonly deprecated: boolean
  /** For a deprecated endpoint, the call the vendor names instead, if any. */
  readonly replacement?: string
}

/** Thrown by `precheck`: the token may not make the request. `message` is the sentence. */
export declare class ScopeDenied extends Error {
  readonly name: 'ScopeDenied'
  /** Why, as a stable code. */
  readonly reason: DenialReason
  /** For `missing-scope`: the scopes that would grant the request (any one); else empty. */
  readonly missing: string[]
  /** The endpoint the request calls, for `missing-scope` and `wrong-token-type`. */
  readonly endpoint: Endpoint | null
  /** For `wrong-token-type`: the token types the endpoint allows; else empty. */
  readonly allowed: TokenType[]
  /** For `unknown-endpoint`: up to three look-alike endpoints, closest first. */
  readonly nearest: Endpoint[]
}

/**
 * The endpoint a request calls, if a token with `scopes` (the token response's space-separated
 * `scope` string) and type `token` may make it; throws `ScopeDenied` otherwise.
 */
export declare function precheck(
  scopes: string,
  method: string,
  target: string,
  token?: TokenType,
  provider?: ProviderName,
): Endpoint

/** A token's scopes and type, parsed once for many pre-checks. */
export declare class Grant {
  constructor(scopes: string, token?: TokenType, provider?: ProviderName)
  /** The granted scopes the catalog knows, in catalog order. */
  readonly scopes: string[]
  readonly token: TokenType
  /** The provider whose catalog the grant checks against: `highlevel`. */
  readonly provider: string
  /** Like `precheck`, with this grant. Throws `ScopeDenied`. */
  precheck(method: string, target: string): Endpoint
}

/** The endpoint `method` + `target` (template, path or URL) calls, or null. Throws when malformed. */
export declare function lookup(method: string, target: string, provider?: ProviderName): Endpoint | null

/** A call that matched no endpoint. */
export interface UnmatchedCall {
  call: string
  reason: string
}

/** The answer of `minimalScopes`. */
export interface MinimalScopes {
  /** The chosen scopes, sorted by name. */
  scopes: string[]
  /** The OAuth `scope` parameter. */
  scopeString: string
  unmatched: UnmatchedCall[]
  unknownWebhooks: string[]
  ungrantable: string[]
  /** Whether every call and event is resolved and granted. */
  complete: boolean
}

/** The smallest set of scopes that grants every `"METHOD target"` call and webhook event. */
export declare function minimalScopes(calls: string[], webhooks?: string[], provider?: ProviderName): MinimalScopes

/** A token of a provider whose catalog holds token groups (SFMC). Frozen. */
export interface Token {
  /** The provider whose catalog holds it: `sfmc`. */
  readonly provider: string
  /** The token as the OAuth `scope` parameter spells it: `email_read`. */
  readonly name: string
  /** Whether the vendor's page documents it (an undocumented-here token still exists). */
  readonly status: 'documented' | 'undocumented-here'
  /** The display name of its group (`Email`); absent for a token outside every group. */
  readonly group?: string
  /** The level it grants in its group, lower case (`read`), if any. */
  readonly level?: string
  /** How the vendor's page names it: `Email Read`, if it does. */
  readonly displayName?: string
  /** For an undocumented-here token: why the page does not list it. */
  readonly reason?: string
}

/** Thrown by `lookupToken`: `message` explains what the name is instead. */
export declare class UnknownToken extends Error {
  readonly name: 'UnknownToken'
  /** The tokens probably meant, best first (possibly none). */
  readonly suggestions: string[]
}

/**
 * The token `name` (exactly, as OAuth compares it) of a provider whose catalog holds token
 * groups (omitted: the first one, `sfmc`); throws `UnknownToken` with the runtime's
 * explanation otherwise (`'Email Read'` → `email_read`, `'email_reed'` → the Email group's tokens).
 */
export declare function lookupToken(name: string, provider?: ProviderName): Token

/** A provider scopewise has a catalog for. */
export interface ProviderInfo {
  /** The short name the `provider` arguments take: `highlevel`. */
  name: string
  /** The name for people: `HighLevel (LeadConnector)`. */
  title: string
  /** `endpoints` (lookup, precheck, Grant, minimalScopes) or `groups` (lookupToken). */
  capability: Capability
  /** Which version of the provider's data this addon was built from. */
  fingerprint: string
}

/** Every provider scopewise has a catalog for, the default first. */
export declare function providers(): ProviderInfo[]

/** Which version of the HighLevel data this addon was built from (`providers()` has every provider's). */
export declare const catalogFingerprint: string
