#!/usr/bin/env node
// counter-charge: charge an invoice on a counter's card/UPI terminal through Counter's integration
// API, wait for Zoho's word, print it, and exit with a status a batch file can test. One file, Node
// 20 or later, nothing to install: copy it next to your billing software if you like.
//
//   COUNTER_API_KEY=ck_… node counter-charge.mjs --amount 1234.50 --ref INV-9 --counter "Counter A" [--method upi]
//     [--currency INR] [--url http://127.0.0.1:47100] [--wait 300]
//
// The key comes from COUNTER_API_KEY (never the command line, which other users of the PC can see).
// Exit status: 0 paid · 1 failed or declined (nothing was taken) · 2 a person must check (unknown,
// unresolved: look at the terminal and Counter's screen) · 3 still waiting when --wait ran out ·
// 4 refused (the message says why) · 5 Counter could not be reached.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

const EXIT = { paid: 0, failed: 1, check: 2, waiting: 3, refused: 4, unreachable: 5 };

function fail(message, status) {
  console.error(message);
  process.exit(status);
}

/** "1234.50" → 123450, exactly (no floating point): at most two decimals. */
function toMinor(amount) {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(amount ?? '');
  if (!match) fail(`--amount must be an amount like 1234.50 (got ${amount ?? 'nothing'}).`, EXIT.refused);
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

function format(minor, currency) {
  return new Intl.NumberFormat(currency === 'INR' ? 'en-IN' : 'en-US', { style: 'currency', currency }).format(minor / 100);
}

const { values } = parseArgs({
  options: {
    amount: { type: 'string' },
    ref: { type: 'string' },
    counter: { type: 'string' },
    method: { type: 'string', default: 'card' },
    currency: { type: 'string', default: 'INR' },
    url: { type: 'string', default: process.env.COUNTER_API_URL ?? 'http://127.0.0.1:47100' },
    wait: { type: 'string', default: '300' },
  },
});
const key = process.env.COUNTER_API_KEY;
if (!key) fail('Set COUNTER_API_KEY to the key a manager made in Counter (Manager → Integrations).', EXIT.refused);
if (!values.ref || !values.counter) fail('Usage: counter-charge --amount 1234.50 --ref INV-9 --counter "Counter A" [--method card|upi]', EXIT.refused);
const waitSeconds = Number(values.wait);
const body = { reference: values.ref, amountMinor: toMinor(values.amount), currency: values.currency, counter: values.counter, method: values.method };
// One key for this charge: a retry after a network error can never make a second one.
const idempotencyKey = `cli-${randomUUID()}`;

async function call(path, init = {}) {
  for (let tries = 1; ; tries += 1) {
    try {
      const response = await fetch(`${values.url}${path}`, { ...init, headers: { authorization: `Bearer ${key}`, ...init.headers } });
      return { status: response.status, body: await response.json() };
    } catch (error) {
      if (tries === 5) fail(`Counter could not be reached at ${values.url}: ${error.message}`, EXIT.unreachable);
      await new Promise((resolve) => setTimeout(resolve, 1000 * tries));
    }
  }
}

let reply = await call('/v1/charges', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey }, body: JSON.stringify(body) });
while (reply.status === 429 || (reply.status === 409 && reply.body.error?.code === 'request_in_progress')) {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  reply = await call('/v1/charges', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey }, body: JSON.stringify(body) });
}
if (reply.status >= 400) fail(`Refused: ${reply.body.error?.message ?? reply.status}${reply.body.error?.field ? ` (${reply.body.error.field})` : ''}`, EXIT.refused);

let charge = reply.body;
const deadline = Date.now() + waitSeconds * 1000;
while (charge.pending && Date.now() < deadline) {
  const wait = Math.max(1, Math.min(60, Math.ceil((deadline - Date.now()) / 1000)));
  const next = await call(`/v1/charges/${charge.id}?wait=${wait}`);
  if (next.status === 429) await new Promise((resolve) => setTimeout(resolve, 2000));
  else if (next.status >= 400) fail(`Refused: ${next.body.error?.message ?? next.status}`, EXIT.refused);
  else charge = next.body;
}

const amount = format(charge.amountMinor, charge.currency);
const line = `${charge.reference} ${amount} on ${values.counter}: ${charge.state} (charge ${charge.id})`;
if (charge.state === 'succeeded') {
  console.log(`PAID ${line}${charge.paymentId ? `, Zoho payment ${charge.paymentId}` : ''}`);
  process.exit(EXIT.paid);
}
if (charge.state === 'failed' || charge.state === 'rejected') {
  console.log(`NOT PAID ${line}${charge.failure?.message ? `: ${charge.failure.message}` : ''}`);
  process.exit(EXIT.failed);
}
if (charge.pending) {
  console.log(`STILL WAITING ${line}: ask again with GET /v1/charges/${charge.id}`);
  process.exit(EXIT.waiting);
}
console.log(`CHECK ${line}: ${charge.failure?.message ?? 'Zoho has not said whether it was paid'}. Look at the terminal and Counter's screen before charging again.`);
process.exit(EXIT.check);
