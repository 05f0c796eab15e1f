// The virtual terminal's behaviour, run in the browser (plain JavaScript, no modules). It drives
// the control API exactly as a test would: fetch, then pay.

export const TERMINAL_SCRIPT = `
'use strict';
const terminalId = document.body.dataset.terminal;
const $ = (id) => document.getElementById(id);
const sections = ['idle', 'payment', 'processing', 'result'];
const LOCALES = { INR: 'en-IN', USD: 'en-US' };
let session = null;
let countdown = null;

function show(name) {
  for (const id of sections) $(id).hidden = id !== name;
}

function money(amount, currency) {
  try {
    return new Intl.NumberFormat(LOCALES[currency] || 'en', { style: 'currency', currency }).format(amount);
  } catch {
    return currency + ' ' + amount;
  }
}

async function call(action, body) {
  const response = await fetch('/_sim/terminals/' + encodeURIComponent(terminalId) + '/' + action, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body || {}),
  });
  const data = await response.json().catch(() => null);
  return { ok: response.ok, data };
}

function stopCountdown() {
  if (countdown !== null) clearInterval(countdown);
  countdown = null;
}

function startCountdown(seconds) {
  stopCountdown();
  const ends = Date.now() + seconds * 1000;
  const tick = () => {
    const left = Math.max(0, Math.round((ends - Date.now()) / 1000));
    const text = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
    $('timer').textContent = 'Session expires in ' + text;
    $('timer').classList.toggle('low', left <= 30);
    if (left === 0) {
      stopCountdown();
      showResult('bad', 'Session expired', 'The 3-minute window passed before anyone paid.', false);
    }
  };
  tick();
  countdown = setInterval(tick, 1000);
}

function showSession(fetched) {
  session = fetched.payments_session;
  $('amount').textContent = money(session.amount, session.currency);
  $('invoice').textContent = session.invoice_number || '—';
  $('description').textContent = session.description || '—';
  $('session-id').textContent = session.payments_session_id;
  const requested = fetched.requested_method;
  for (const input of document.querySelectorAll('input[name="method"]')) {
    input.disabled = Boolean(requested) && input.value !== requested;
    input.checked = input.value === (requested || 'card');
  }
  $('retry-allowed').checked = false;
  startCountdown(fetched.expires_in_seconds);
  show('payment');
  $('approve').focus();
}

function showResult(kind, title, detail, canRetry) {
  stopCountdown();
  $('result-icon').className = 'icon ' + kind;
  $('result-icon').textContent = kind === 'ok' ? '\\u2713' : '\\u2715';
  $('result-title').textContent = title;
  $('result-amount').textContent = session ? money(session.amount, session.currency) : '';
  $('result-detail').textContent = detail;
  $('retry').hidden = !canRetry;
  show('result');
  $(canRetry ? 'retry' : 'done').focus();
}

async function fetchPayments() {
  $('fetch').disabled = true;
  $('idle-message').textContent = '';
  try {
    const answer = await call('fetch');
    if (answer.ok) showSession(answer.data);
    else $('idle-message').textContent = (answer.data && answer.data.message) || 'Could not fetch the payment.';
  } catch {
    $('idle-message').textContent = 'The terminal is offline: the simulator did not answer.';
  } finally {
    $('fetch').disabled = false;
  }
}

async function report(body) {
  const method = document.querySelector('input[name="method"]:checked');
  if (method) body.method = method.value;
  show('processing');
  await new Promise((resolve) => setTimeout(resolve, 400));
  let answer;
  try {
    answer = await call('pay', body);
  } catch {
    answer = { ok: false, data: { message: 'The simulator did not answer.' } };
  }
  if (!answer.ok) {
    showResult('bad', 'Not sent', (answer.data && answer.data.message) || 'The terminal could not report the payment.', false);
    return;
  }
  const updated = answer.data;
  const payment = (updated.payments || [])[updated.payments.length - 1];
  if (body.outcome === 'succeeded') {
    showResult('ok', 'Payment approved', 'Payment ID ' + payment.payment_id + ' \\u00b7 receipt printed', false);
  } else {
    const reason = $('failure-code').selectedOptions[0].textContent + ' (' + body.failure_code + ')';
    const retry = updated.session_status === 'in_progress';
    showResult('bad', retry ? 'Declined: customer may retry' : 'Payment declined', reason, retry);
  }
}

$('fetch').addEventListener('click', () => void fetchPayments());
$('approve').addEventListener('click', () => void report({ outcome: 'succeeded' }));
$('decline').addEventListener('click', () => {
  void report({ outcome: $('retry-allowed').checked ? 'declined_attempt' : 'failed', failure_code: $('failure-code').value });
});
$('retry').addEventListener('click', () => void fetchPayments());
$('done').addEventListener('click', () => {
  session = null;
  show('idle');
  $('fetch').focus();
});

const clock = () => {
  $('clock').textContent = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
};
clock();
setInterval(clock, 15000);
show('idle');
`;
