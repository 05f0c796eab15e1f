// GET /terminal/{id}: a virtual POS device for demos and end-to-end tests, and GET /: the list
// of terminals.
import { escapeHtml } from '../http/html';
import { FAILURE_CODES } from '../payments/model';
import { TERMINAL_SCRIPT } from './terminal-script';
import { TERMINAL_STYLE } from './terminal-style';

function failureOptions(): string {
  return Object.entries(FAILURE_CODES)
    .map(([code, label]) => `<option value="${escapeHtml(code)}">${escapeHtml(label)}</option>`)
    .join('');
}

/** "₹" for INR, "$" for USD: the idle screen's emblem. */
function currencySymbol(currency: string): string {
  const parts = new Intl.NumberFormat('en-IN', { style: 'currency', currency }).formatToParts(0);
  return parts.find((part) => part.type === 'currency')?.value ?? currency;
}

export function terminalPage(terminalId: string, currency: string): string {
  const id = escapeHtml(terminalId);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>Terminal ${id} · Zoho Payments simulator</title><style>${TERMINAL_STYLE}</style></head>
<body data-terminal="${id}">
<div class="device">
  <div class="slot" aria-hidden="true"></div>
  <main class="screen">
    <div class="status"><span class="brand">Zoho Payments POS</span><span>${id} · <span id="clock"></span></span></div>
    <div class="content">
      <section id="idle" class="centered" aria-labelledby="idle-title">
        <div class="icon ready" aria-hidden="true">${escapeHtml(currencySymbol(currency))}</div>
        <h1 id="idle-title">Ready for payment</h1>
        <p class="muted">When the cashier has charged the invoice, tap Fetch Payments.</p>
        <div class="spacer"></div>
        <button id="fetch" class="primary" type="button">Fetch Payments</button>
        <p id="idle-message" class="message" role="status"></p>
      </section>

      <section id="payment" hidden aria-labelledby="amount-label">
        <p id="amount-label" class="label">Amount due</p>
        <p id="amount" class="amount"></p>
        <dl>
          <dt>Invoice</dt><dd id="invoice"></dd>
          <dt>Description</dt><dd id="description"></dd>
          <dt>Session</dt><dd id="session-id"></dd>
        </dl>
        <div class="methods" role="radiogroup" aria-label="Payment method">
          <label><input type="radio" name="method" value="card"><span>Card</span></label>
          <label><input type="radio" name="method" value="upi"><span>UPI</span></label>
        </div>
        <p id="timer" class="timer" aria-live="off"></p>
        <div class="spacer"></div>
        <button id="approve" class="approve" type="button">Approve</button>
        <div class="decline">
          <label class="label" for="failure-code">Decline reason</label>
          <select id="failure-code">${failureOptions()}</select>
          <label class="check"><input id="retry-allowed" type="checkbox"> Customer may try again (session stays open)</label>
          <button id="decline" class="danger" type="button">Decline</button>
        </div>
      </section>

      <section id="processing" class="centered" hidden>
        <div class="spinner" aria-hidden="true"></div>
        <h1>Processing…</h1>
        <p class="muted">Contacting the bank</p>
      </section>

      <section id="result" class="centered" hidden aria-live="polite">
        <div id="result-icon" class="icon wait" aria-hidden="true"></div>
        <h1 id="result-title"></h1>
        <p id="result-amount" class="amount"></p>
        <p id="result-detail" class="muted"></p>
        <div class="spacer"></div>
        <button id="retry" class="plain" type="button" hidden>Back to payment</button>
        <button id="done" class="primary" type="button">Done</button>
      </section>
    </div>
  </main>
  <div class="keys" aria-hidden="true"><span></span><span></span><span></span></div>
</div>
<script>${TERMINAL_SCRIPT}</script>
</body>
</html>`;
}

export function homePage(terminals: readonly string[], accountId: string): string {
  const links = terminals
    .map((terminal) => `<li><a href="/terminal/${encodeURIComponent(terminal)}">${escapeHtml(terminal)}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Zoho Payments simulator</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#17202c}a{color:#226db4}</style></head>
<body>
<h1>Zoho Payments simulator</h1>
<p>Account ${escapeHtml(accountId)}. Open a terminal to fetch and pay sessions:</p>
<ul>${links}</ul>
</body>
</html>`;
}
