'use strict'
// Pre-check every request of an axios client, the HTTP layer of HighLevel's official Node SDK,
// before it is sent: a call the token's scopes do not allow (which the API would answer with
// 401 "The token is not authorized for this scope.") fails here, naming the missing scope.
//
// Nothing goes over the network: the client's adapter records requests instead of sending
// them, and the example checks that a denied request never reached it.
//
//   node examples/axios-interceptor.js
const assert = require('node:assert/strict')
const axios = require('axios')
const { Grant, ScopeDenied } = require('..') // require('scopewise') in an app

/** An axios request interceptor that pre-checks each request against `grant`. */
function scopewiseInterceptor(client, grant) {
  return (config) => {
    // The full URL (baseURL + url + params), as it will be sent.
    grant.precheck(config.method ?? 'get', client.getUri(config)) // throws ScopeDenied
    return config
  }
}

const sent = []
const client = axios.create({
  baseURL: 'https://services.leadconnectorhq.com',
  headers: { Version: '2021-07-28' },
  // Stands in for the network: records the request, answers 200.
  adapter: async (config) => {
    sent.push(`${config.method.toUpperCase()} ${config.url}`)
    return { data: {}, status: 200, statusText: 'OK', headers: {}, config }
  },
})

// The `scope` and user type of the token response (a sub-account, i.e. Location, token).
const grant = new Grant('contacts.readonly calendars.readonly', 'sub-account')
client.interceptors.request.use(scopewiseInterceptor(client, grant), null, { synchronous: true })

async function main() {
  await client.get('/contacts/abc123', { params: { locationId: 'loc1' } })
  console.log('sent:   GET /contacts/abc123 (contacts.readonly is granted)')

  try {
    await client.post('/contacts/', { firstName: 'Ada' })
    assert.fail('the request should have been stopped')
  } catch (err) {
    assert.ok(err instanceof ScopeDenied)
    assert.equal(err.reason, 'missing-scope')
    assert.deepEqual(err.missing, ['contacts.write'])
    console.log(`denied: ${err.message}`)
  }

  try {
    await client.get('/contacts/abc123/taskz')
    assert.fail('the request should have been stopped')
  } catch (err) {
    assert.equal(err.reason, 'unknown-endpoint')
    console.log(`denied: ${err.message}`)
  }

  // Only the allowed request reached the adapter.
  assert.deepEqual(sent, ['GET /contacts/abc123'])
  console.log('ok: 1 request sent, 2 stopped before sending')
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
