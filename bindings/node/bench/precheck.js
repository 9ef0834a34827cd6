'use strict'
// One pre-check through the Node binding, in a loop: `npm run bench`.
const { precheck, Grant } = require('..')

const SCOPES = 'contacts.readonly contacts.write locations.readonly'
const TARGET = '/contacts/abc123/tasks?locationId=x'

function measure(name, n, f) {
  for (let i = 0; i < n / 10; i++) f() // warm up
  const runs = []
  for (let r = 0; r < 5; r++) {
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < n; i++) f()
    runs.push(Number(process.hrtime.bigint() - t0) / n)
  }
  runs.sort((a, b) => a - b)
  console.log(`${name}: median ${runs[2].toFixed(0)} ns/call (min ${runs[0].toFixed(0)}, max ${runs[4].toFixed(0)})`)
}

const grant = new Grant(SCOPES)
measure('node/precheck (scope string each call)', 200000, () => precheck(SCOPES, 'GET', TARGET))
measure('node/Grant.precheck (parsed once)', 200000, () => grant.precheck('GET', TARGET))
measure('node/denied missing-scope (throws)', 50000, () => {
  try {
    precheck('contacts.readonly', 'POST', '/contacts')
  } catch {}
})
