'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const {
  precheck,
  Grant,
  lookup,
  minimalScopes,
  lookupToken,
  providers,
  ScopeDenied,
  UnknownToken,
  catalogFingerprint,
} = require('..')

test('precheck returns the endpoint of an allowed request', () => {
  const e = precheck('contacts.readonly', 'GET', '/contacts/abc123?locationId=x')
  assert.equal(e.template, '/contacts/{contactId}')
  assert.equal(e.method, 'GET')
  assert.deepEqual([...e.scopes], ['contacts.readonly'])
  assert.ok(e.access.includes('sub-account'))
  assert.equal(e.version, '2021-07-28')
  // One frozen object per endpoint.
  assert.equal(precheck('contacts.readonly', 'get', 'https://services.leadconnectorhq.com/contacts/x'), e)
  assert.ok(Object.isFrozen(e))
})

test('a missing scope throws ScopeDenied naming it', () => {
  assert.throws(
    () => precheck('contacts.readonly', 'POST', '/contacts'),
    (err) => {
      assert.ok(err instanceof ScopeDenied)
      assert.ok(err instanceof Error)
      assert.equal(err.name, 'ScopeDenied')
      assert.equal(err.reason, 'missing-scope')
      assert.deepEqual(err.missing, ['contacts.write'])
      assert.equal(err.endpoint.template, '/contacts')
      assert.equal(
        err.message,
        'POST /contacts needs one of the scopes [contacts.write]; the token has none of them',
      )
      return true
    },
  )
})

test('wrong token type, unknown endpoint and malformed requests are denied', () => {
  assert.throws(() => precheck('locations.write', 'POST', '/locations'), {
    name: 'ScopeDenied',
    reason: 'wrong-token-type',
    allowed: ['agency'],
    message: 'POST /locations is not available to sub-account tokens; it allows: agency',
  })
  try {
    precheck('contacts.readonly', 'GET', '/contacts/abc/taskz')
    assert.fail('expected a denial')
  } catch (err) {
    assert.equal(err.reason, 'unknown-endpoint')
    assert.equal(err.nearest[0].template, '/contacts/{contactId}/tasks')
    assert.equal(err.endpoint, null)
  }
  assert.throws(() => precheck('contacts.readonly', 'GET', '/contacts/../users'), { reason: 'invalid-request' })
  assert.throws(() => precheck('contacts.readonly', 'GET', 'https://evil.example/contacts/x'), {
    reason: 'invalid-request',
  })
})

test('an agency token and a bad token type', () => {
  assert.equal(precheck('locations.write', 'POST', '/locations', 'agency').template, '/locations')
  assert.throws(() => precheck('contacts.readonly', 'GET', '/contacts/x', 'admin'), /unknown token type "admin"/)
  assert.throws(() => precheck(42, 'GET', '/contacts/x'))
})

test('Grant parses once and checks many', () => {
  const g = new Grant('contacts.readonly contacts.write nope.nope')
  assert.deepEqual(g.scopes, ['contacts.readonly', 'contacts.write'])
  assert.equal(g.token, 'sub-account')
  assert.equal(g.precheck('POST', '/contacts').template, '/contacts')
  assert.throws(() => g.precheck('GET', '/users/u1'), { reason: 'missing-scope', missing: ['users.readonly'] })
  assert.throws(() => new Grant('x', 'boss'), /unknown token type/)
})

test('lookup takes templates, paths and URLs', () => {
  const e = lookup('GET', '/contacts/:id/tasks')
  assert.equal(e.template, '/contacts/{contactId}/tasks')
  assert.equal(lookup('GET', '/contacts/{x}/tasks'), e)
  assert.equal(lookup('GET', '/contacts/abc/tasks'), e)
  assert.equal(lookup('GET', '/nope'), null)
  assert.throws(() => lookup('BREW', '/contacts'), /unknown HTTP method `BREW`/)
  assert.throws(() => lookup('GET', '/a/../b'), /dot segment/)
})

test('minimalScopes', () => {
  const m = minimalScopes(['GET /contacts/{contactId}', 'POST /contacts', 'GET /nope'], ['ContactCreate', 'NoSuch'])
  assert.equal(m.scopeString, 'contacts.readonly contacts.write')
  assert.deepEqual(m.scopes, ['contacts.readonly', 'contacts.write'])
  assert.equal(m.unmatched.length, 1)
  assert.equal(m.unmatched[0].call, 'GET /nope')
  assert.deepEqual(m.unknownWebhooks, ['NoSuch'])
  assert.equal(m.complete, false)
  assert.equal(minimalScopes([]).scopeString, '')
})

test('the catalog fingerprint is exposed', () => {
  assert.match(catalogFingerprint, /^[0-9a-f]{16,}$/)
})

test('what an endpoint needs, its versions and its deprecation', () => {
  const token = lookup('POST', '/oauth/token')
  assert.equal(token.auth, 'none')
  assert.deepEqual(token.scopes, [])
  assert.equal(precheck('', 'POST', '/oauth/token').template, '/oauth/token')
  const contact = lookup('GET', '/contacts/{contactId}')
  assert.equal(contact.auth, 'scopes')
  assert.deepEqual(contact.versions, ['2021-07-28', 'v3'])
  assert.equal(contact.deprecated, false)
  assert.ok(contact.replacement == null)
  const users = lookup('GET', '/users/')
  assert.equal(users.deprecated, true)
  assert.equal(users.replacement, 'GET /users/search')
})

test('the provider defaults to highlevel', () => {
  const explicit = lookup('GET', '/contacts/{contactId}', 'highlevel')
  assert.equal(explicit.provider, 'highlevel')
  // The same frozen object, whichever way the provider is given.
  assert.equal(lookup('GET', '/contacts/{contactId}'), explicit)
  assert.equal(lookup('GET', '/contacts/{contactId}', 'HighLevel'), explicit)
  assert.equal(precheck('contacts.readonly', 'GET', '/contacts/x', 'sub-account', 'highlevel'), explicit)
  assert.equal(precheck('contacts.readonly', 'GET', '/contacts/x', undefined, 'HIGHLEVEL'), explicit)
  const g = new Grant('contacts.readonly', 'sub-account', 'highlevel')
  assert.equal(g.provider, 'highlevel')
  assert.equal(new Grant('contacts.readonly').provider, 'highlevel')
  assert.equal(g.precheck('GET', '/contacts/x'), explicit)
  assert.throws(() => g.precheck('POST', '/contacts'), (err) => {
    assert.equal(err.endpoint, lookup('POST', '/contacts'))
    assert.equal(err.endpoint.provider, 'highlevel')
    return true
  })
  assert.equal(minimalScopes(['POST /contacts'], [], 'highlevel').scopeString, 'contacts.write')
  assert.equal(minimalScopes(['POST /contacts']).scopeString, 'contacts.write')
})

test('an unknown provider throws the runtime message', () => {
  const message = 'unknown provider `salesforce`; scopewise has `highlevel`, `sfmc` or `xero`'
  assert.throws(() => lookup('GET', '/contacts/x', 'salesforce'), { message })
  assert.throws(() => precheck('contacts.readonly', 'GET', '/contacts/x', 'sub-account', 'salesforce'), { message })
  assert.throws(() => new Grant('contacts.readonly', 'sub-account', 'salesforce'), { message })
  assert.throws(() => minimalScopes(['GET /contacts/x'], [], 'salesforce'), { message })
  assert.throws(() => lookupToken('email_read', 'salesforce'), { message })
})

test('a provider without endpoints is refused by the endpoint functions', () => {
  const message = 'provider `sfmc` has token groups and SOAP operations, not REST endpoints; use lookupToken'
  assert.throws(() => lookup('GET', '/contacts/x', 'sfmc'), { message })
  assert.throws(() => precheck('email_read', 'GET', '/contacts/x', 'sub-account', 'SFMC'), { message })
  assert.throws(() => new Grant('email_read', 'sub-account', 'sfmc'), { message })
  assert.throws(() => minimalScopes(['GET /contacts/x'], [], 'sfmc'), { message })
  assert.throws(() => lookupToken('email_read', 'highlevel'), {
    message: 'provider `highlevel` has REST endpoints, not token groups and SOAP operations; use lookup',
  })
})

test('lookupToken finds an SFMC token', () => {
  const t = lookupToken('email_read')
  assert.equal(t.provider, 'sfmc')
  assert.equal(t.name, 'email_read')
  assert.equal(t.group, 'Email')
  assert.equal(t.level, 'read')
  assert.equal(t.status, 'documented')
  assert.equal(t.displayName, 'Email Read')
  assert.ok(Object.isFrozen(t))
  assert.equal(lookupToken('email_read', 'sfmc').name, 'email_read')
  const tags = lookupToken('tags_read', 'sfmc')
  assert.equal(tags.status, 'undocumented-here')
  assert.ok(tags.reason)
  const offline = lookupToken('offline')
  assert.ok(offline.group == null && offline.level == null)
})

test('lookupToken explains an unknown token', () => {
  assert.throws(
    () => lookupToken('email_reed'),
    (err) => {
      assert.ok(err instanceof UnknownToken)
      assert.ok(err instanceof Error)
      assert.equal(err.name, 'UnknownToken')
      assert.ok(err.message.startsWith('unknown token `email_reed`: '), err.message)
      assert.ok(err.message.includes('`email_read`'), err.message)
      assert.equal(err.suggestions[0], 'email_read')
      return true
    },
  )
  assert.throws(() => lookupToken('Email Read'), {
    name: 'UnknownToken',
    message: 'unknown token `Email Read`: the OAuth token for Email Read is `email_read`',
    suggestions: ['email_read'],
  })
})

test('providers lists every catalog', () => {
  const list = providers()
  assert.equal(list[0].name, 'highlevel')
  const byName = Object.fromEntries(list.map((p) => [p.name, p]))
  assert.equal(byName.highlevel.capability, 'endpoints')
  assert.equal(byName.highlevel.title, 'HighLevel (LeadConnector)')
  assert.equal(byName.highlevel.fingerprint, catalogFingerprint)
  assert.equal(byName.sfmc.capability, 'groups')
  assert.equal(byName.sfmc.title, 'Salesforce Marketing Cloud Engagement')
  assert.match(byName.sfmc.fingerprint, /^[0-9a-f]{16}$/)
})

test('xero is reachable and reads with the read-only scope', () => {
  const e = lookup('GET', 'https://api.xero.com/api.xro/2.0/Invoices', 'xero')
  assert.equal(e.template, '/api.xro/2.0/Invoices')
  assert.ok(e.scopes.includes('accounting.transactions.read'))
  const allowed = precheck('accounting.transactions.read', 'GET', '/api.xro/2.0/Invoices', undefined, 'xero')
  assert.equal(allowed.template, '/api.xro/2.0/Invoices')
  assert.throws(
    () => precheck('accounting.transactions.read', 'PUT', '/api.xro/2.0/Invoices', undefined, 'xero'),
    (err) => err.reason === 'missing-scope'
  )
})
