// Type-checked by `tsc -p tsconfig.json` in `npm test`: the declarations describe the API.
import {
  precheck,
  Grant,
  lookup,
  minimalScopes,
  lookupToken,
  providers,
  ScopeDenied,
  UnknownToken,
  type Endpoint,
  type DenialReason,
  type Token,
  type ProviderInfo,
  type Capability,
} from '..'

const e: Endpoint = precheck('contacts.readonly', 'GET', '/contacts/x', 'agency')
const t: string = e.template
const found: Endpoint | null = lookup('GET', '/contacts/:id')
const g = new Grant('contacts.readonly')
const e2: Endpoint = g.precheck('GET', '/contacts/x')
const s: string = minimalScopes(['GET /contacts/x'], ['ContactCreate']).scopeString
function reasonOf(err: unknown): DenialReason | undefined {
  return err instanceof ScopeDenied ? err.reason : undefined
}
// @ts-expect-error: a token type is 'sub-account' or 'agency'
precheck('contacts.readonly', 'GET', '/contacts/x', 'admin')
export { t, found, e2, s, reasonOf }
const viaProvider: Endpoint | null = lookup('GET', '/contacts/:id', 'highlevel')
const e3: Endpoint = precheck('contacts.readonly', 'GET', '/contacts/x', undefined, 'highlevel')
const g2 = new Grant('contacts.readonly', 'sub-account', 'highlevel')
const p2: string = g2.provider
const m2: string = minimalScopes(['GET /contacts/x'], [], 'highlevel').scopeString
const tok: Token = lookupToken('email_read')
const level: string | undefined = lookupToken('email_read', 'sfmc').level
const caps: Capability[] = providers().map((p: ProviderInfo) => p.capability)
function suggestionsOf(err: unknown): string[] {
  return err instanceof UnknownToken ? err.suggestions : []
}
// @ts-expect-error: a Token is frozen
tok.name = 'x'
export { viaProvider, e3, p2, m2, level, caps, suggestionsOf }
