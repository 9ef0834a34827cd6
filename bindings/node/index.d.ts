/** A token type. */
export type TokenType = 'sub-account' | 'agency'

/** Why a request is denied, as a stable code. */
export type DenialReason = 'invalid-request' | 'unknown-endpoint' | 'undocumented-scope' | 'wrong-token-type' | 'missing-scope'

/** One endpoint of the HighLevel catalog. The same endpoint is always the same object. */
export interface Endpoint {
  /** Its index in the catalog. */
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
export declare function precheck(scopes: string, method: string, target: string, token?: TokenType): Endpoint

/** A token's scopes and type, parsed once for many pre-checks. */
export declare class Grant {
  constructor(scopes: string, token?: TokenType)
  /** The granted scopes the catalog knows, in catalog order. */
  readonly scopes: string[]
  readonly token: TokenType
  /** Like `precheck`, with this grant. Throws `ScopeDenied`. */
  precheck(method: string, target: string): Endpoint
}

/** The endpoint `method` + `target` (template, path or URL) calls, or null. Throws when malformed. */
export declare function lookup(method: string, target: string): Endpoint | null

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
export declare function minimalScopes(calls: string[], webhooks?: string[]): MinimalScopes

/** Which version of the HighLevel data this addon was built from. */
export declare const catalogFingerprint: string
