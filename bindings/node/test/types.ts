// Type-checked by `tsc -p tsconfig.json` in `npm test`: the declarations describe the API.
import { precheck, Grant, lookup, minimalScopes, ScopeDenied, type Endpoint, type DenialReason } from '..'

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
