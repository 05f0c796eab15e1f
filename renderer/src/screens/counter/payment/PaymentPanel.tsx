import type { PaymentMethod } from '../../../../contract/domain';
import type { ChargeAttempt, Counter, Invoice } from '../../../../contract/model';
import { Countdown } from '../../components/Countdown';
import { FieldError, Message } from '../../components/Field';
import { StateBadge } from '../../components/StateBadge';
import { failureReason, formatTime, lastCheckedLabel, methodLabel, METHOD_LABELS, otherMethod } from '../../lib/format';
import { useNow } from '../../lib/hooks';
import { money } from '../../lib/money';
import { confirmNeeded, useCheckoutStore, type CheckoutPhase } from '../../stores/checkout-store';
import type { Currency } from '../../../../contract/domain';

export const CHARGE_SHORTCUT_HINT = 'F9 or Ctrl+Enter';

/** One sentence per state for the polite live region: it changes only when the payment does. */
export function announcement(phase: CheckoutPhase, attempt: ChargeAttempt | null, counter: Counter, currency: Currency): string {
  if (!attempt) return '';
  const amount = money(attempt.amountMinor, currency);
  switch (phase) {
    case 'waiting': {
      const declined = attempt.declinedTries.at(-1);
      if (declined) return `Declined: ${failureReason(declined.failureCode)} The customer can try again on the terminal.`;
      return attempt.state === 'creating'
        ? `Sending ${amount} to terminal ${counter.terminalId}.`
        : `Sent ${amount} to terminal ${counter.terminalId}. Tap Fetch Payments on the terminal.`;
    }
    case 'paid':
      return `Paid: ${amount} by ${methodLabel(attempt.paidMethod ?? attempt.method)}.`;
    case 'failed':
      return `Payment failed: ${failureReason(attempt.failureCode)}`;
    case 'rejected':
      return `Zoho refused the payment: ${attempt.failureMessage ?? 'no reason given'}`;
    case 'unknown':
    case 'unresolved':
      if (attempt.review) return 'Your manager has checked this payment. Charge again only if the customer has not paid.';
      return phase === 'unknown'
        ? 'We could not confirm whether the terminal received this payment. Check the terminal.'
        : 'Zoho never gave a final answer for this payment. Check the terminal receipt or ask your manager.';
    default:
      return '';
  }
}

function MethodToggle({ method, disabled, error }: { method: PaymentMethod; disabled: boolean; error?: string | undefined }) {
  const setMethod = useCheckoutStore((s) => s.setMethod);
  return (
    <fieldset className="segmented segmented-big" disabled={disabled}>
      <legend>
        Pay by <span className="kbd-hint">(F8 switches)</span>
      </legend>
      {(['card', 'upi'] as const).map((m) => (
        <label key={m} className={method === m ? 'segment segment-on' : 'segment'}>
          <input type="radio" name="pay-method" value={m} checked={method === m} onChange={() => setMethod(m)} />
          {METHOD_LABELS[m]}
        </label>
      ))}
      {error ? <FieldError message={error} /> : null}
    </fieldset>
  );
}

function ChargeButton({ amountMinor, currency, label, disabled }: { amountMinor: number; currency: Currency; label?: string; disabled: boolean }) {
  const charge = useCheckoutStore((s) => s.charge);
  const busy = useCheckoutStore((s) => s.busy);
  return (
    <div className="charge-row">
      <button
        id="charge-button"
        type="button"
        className="btn btn-charge"
        onClick={() => void charge()}
        disabled={disabled}
        aria-disabled={busy === 'charging' || undefined}
        aria-keyshortcuts="F9 Control+Enter"
      >
        {label ?? `Charge ${money(amountMinor, currency)}`}
      </button>
      <p className="kbd-hint charge-hint">
        {busy === 'charging' ? (
          <span className="sending">Sending to the terminal…</span>
        ) : (
          <>
            Shortcut: <kbd>F9</kbd> or <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
          </>
        )}
      </p>
    </div>
  );
}

/** "I checked the terminal": required before charging an invoice whose earlier payment has no known outcome. */
function ConfirmChecked() {
  const confirmChecked = useCheckoutStore((s) => s.confirmChecked);
  const setConfirmChecked = useCheckoutStore((s) => s.setConfirmChecked);
  const error = useCheckoutStore((s) => s.error);
  const errorTarget = useCheckoutStore((s) => s.errorTarget);
  const confirmError = error && errorTarget === 'confirmChecked' ? error.message : null;
  return (
    <div className={`confirm${confirmError ? ' field-invalid' : ''}`}>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={confirmChecked}
          onChange={(e) => setConfirmChecked(e.target.checked)}
          aria-describedby={confirmError ? 'confirm-error' : undefined}
          aria-invalid={confirmError ? true : undefined}
        />
        I checked the terminal: it shows no pending or paid payment for this sale
      </label>
      {confirmError ? <FieldError id="confirm-error" message={confirmError} /> : null}
    </div>
  );
}

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="detail">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

interface PanelProps {
  phase: CheckoutPhase;
  counter: Counter;
  invoice: Invoice | null;
  attempt: ChargeAttempt | null;
  draftTotalMinor: number;
  currency: Currency;
}

export function PaymentPanel({ phase, counter, invoice, attempt, draftTotalMinor, currency: appCurrency }: PanelProps) {
  const method = useCheckoutStore((s) => s.method);
  const busy = useCheckoutStore((s) => s.busy);
  const error = useCheckoutStore((s) => s.error);
  const errorTarget = useCheckoutStore((s) => s.errorTarget);
  const confirmChecked = useCheckoutStore((s) => s.confirmChecked);
  const confirmRequired = useCheckoutStore((s) => s.confirmRequired);
  const { charge, newSale, recheck } = useCheckoutStore.getState();
  const now = useNow(1000, phase === 'waiting');

  // A confirm error with no checkbox on screen (e.g. a fresh draft) falls back to the general message.
  const mustConfirm = confirmNeeded({ confirmRequired, attempt });
  const confirmShown = (phase === 'unknown' || phase === 'unresolved' || phase === 'failed' || phase === 'rejected') && mustConfirm;
  const generalError =
    error && (errorTarget === 'general' || errorTarget === null || (errorTarget === 'confirmChecked' && !confirmShown)) ? error.message : null;
  const methodError = error && errorTarget === 'method' ? error.message : undefined;
  const amountMinor = invoice?.totalMinor ?? draftTotalMinor;
  // An invoice carries its own currency; the app's currency only stands in for a draft.
  const currency = invoice?.currency ?? appCurrency;
  const live = announcement(phase, attempt, counter, currency);

  let body: React.ReactNode;
  switch (phase) {
    case 'draft':
    case 'ready':
      body = (
        <div className="pay-ready">
          <h2 id="pay-status-heading" tabIndex={-1}>
            Take payment
          </h2>
          <MethodToggle method={method} disabled={busy !== null} error={methodError} />
          <ChargeButton amountMinor={amountMinor} currency={currency} disabled={busy !== null} />
          <p className="pay-terminal-note">
            Goes to terminal <strong>{counter.terminalId}</strong> ({counter.name}).
          </p>
        </div>
      );
      break;

    case 'waiting': {
      const a = attempt as ChargeAttempt;
      const expired = a.sessionCreatedAt !== null && now - a.sessionCreatedAt >= 180_000;
      body = (
        <div className="pay-status pay-waiting">
          <div className="status-line">
            <h2 id="pay-status-heading" tabIndex={-1} className="status-word">
              {a.state === 'creating' ? 'Sending…' : 'Waiting for payment'}
            </h2>
            <StateBadge state={a.state} large />
          </div>
          <p className="big-amount">
            {money(a.amountMinor, a.currency)} <span className="big-method">by {methodLabel(a.method)}</span>
          </p>
          <p className="instruction">
            {a.state === 'creating' ? (
              <>Sending to terminal {a.terminalId}…</>
            ) : (
              <>
                Sent to terminal <strong>{a.terminalId}</strong>: tap <strong>Fetch Payments</strong> on the terminal
              </>
            )}
          </p>
          {a.sessionCreatedAt !== null ? <Countdown sessionCreatedAt={a.sessionCreatedAt} now={now} /> : null}
          <p className="checked">{lastCheckedLabel(a.lastPolledAt, now)}</p>
          {a.declinedTries.map((tryInfo) => (
            <Message key={tryInfo.paymentId} kind="warning">
              <strong>Declined:</strong> {failureReason(tryInfo.failureCode)} The customer can try again on the terminal.
            </Message>
          ))}
          {expired ? (
            <Message kind="warning">The terminal’s 3 minutes are up. Waiting for Zoho’s final answer: do not charge again yet.</Message>
          ) : null}
        </div>
      );
      break;
    }

    case 'paid': {
      const a = attempt;
      body = (
        <div className="pay-status pay-paid">
          <h2 id="pay-status-heading" tabIndex={-1} className="status-word status-paid">
            <span aria-hidden="true">✓ </span>PAID
          </h2>
          <p className="big-amount">{money(a?.amountMinor ?? invoice?.totalMinor ?? 0, a?.currency ?? currency)}</p>
          <dl className="details">
            {a?.paymentId ? <Detail term="Payment ID">{a.paymentId}</Detail> : null}
            <Detail term="Method">{methodLabel(a?.paidMethod ?? a?.method)}</Detail>
            <Detail term="Time">{formatTime(a?.finalAt ?? invoice?.paidAt ?? Date.now(), currency)}</Detail>
            <Detail term="Invoice">{invoice?.number ?? a?.invoiceNumber}</Detail>
          </dl>
          <div className="charge-row">
            <button id="new-sale-button" type="button" className="btn btn-primary btn-huge" onClick={() => void newSale()} aria-keyshortcuts="Enter">
              New sale
            </button>
            <p className="kbd-hint">
              Shortcut: <kbd>Enter</kbd>
            </p>
          </div>
        </div>
      );
      break;
    }

    case 'failed':
    case 'rejected': {
      const a = attempt as ChargeAttempt;
      const other = otherMethod(method);
      body = (
        <div className="pay-status pay-failed">
          <div className="status-line">
            <h2 id="pay-status-heading" tabIndex={-1} className="status-word status-failed">
              <span aria-hidden="true">✕ </span>
              {phase === 'failed' ? 'FAILED' : 'NOT SENT'}
            </h2>
            <StateBadge state={a.state} large />
          </div>
          <p className="big-amount">
            {money(a.amountMinor, a.currency)} <span className="big-method">by {methodLabel(a.method)}</span>
          </p>
          <p className="reason">
            {phase === 'failed'
              ? failureReason(a.failureCode)
              : `Zoho refused the payment: ${a.failureMessage ?? 'no reason was given.'}`}
          </p>
          {phase === 'rejected' ? <p>Nothing was sent to the terminal. Fix the problem, then try again.</p> : null}
          {mustConfirm ? <ConfirmChecked /> : null}
          <div className="retry-row">
            <button
              id="retry-button"
              type="button"
              className="btn btn-primary btn-big"
              onClick={() => void charge(method)}
              disabled={busy !== null || (mustConfirm && !confirmChecked)}
              aria-keyshortcuts="F9"
            >
              Try again by {METHOD_LABELS[method]}
            </button>
            <button type="button" className="btn btn-secondary btn-big" onClick={() => void charge(other)} disabled={busy !== null || (mustConfirm && !confirmChecked)}>
              Switch to {METHOD_LABELS[other]}
            </button>
          </div>
          <p className="kbd-hint">
            <kbd>F9</kbd> tries again · <kbd>F8</kbd> switches Card/UPI
          </p>
        </div>
      );
      break;
    }

    case 'unknown':
    case 'unresolved': {
      const a = attempt as ChargeAttempt;
      body = (
        <div className="pay-status pay-review">
          <div className="status-line">
            <h2 id="pay-status-heading" tabIndex={-1} className="status-word status-review">
              <span aria-hidden="true">! </span>
              {a.review ? 'CHECKED BY YOUR MANAGER' : phase === 'unknown' ? 'CHECK THE TERMINAL' : 'NEEDS REVIEW'}
            </h2>
          </div>
          <p className="big-amount">
            {money(a.amountMinor, a.currency)} <span className="big-method">by {methodLabel(a.method)}</span>
          </p>
          {a.review ? (
            <p className="reason">
              Zoho never told us how this payment ended; your manager has checked it. Charge again only if the customer has not paid.
            </p>
          ) : phase === 'unknown' ? (
            <p className="reason">
              We couldn’t confirm whether the terminal received this payment. Tap Fetch Payments on the terminal: if it shows this
              payment, let the customer finish there and do not charge again (a printed receipt means it was paid: tell your manager).
              If it shows nothing, you can charge again.
            </p>
          ) : (
            <>
              <p className="reason">
                Zoho never gave a final answer for this payment. Check the terminal’s receipt or ask your manager before charging again.
              </p>
              <button type="button" className="btn btn-secondary btn-big" onClick={() => void recheck()} disabled={busy !== null}>
                {busy === 'rechecking' ? 'Checking with Zoho…' : 'Re-check with Zoho'}
              </button>
            </>
          )}
          {a.review ? (
            <Message kind="notice">
              <strong>Your manager found:</strong> {a.review.note}
            </Message>
          ) : null}
          {/* Also when this try was checked: an older one of the invoice may still await a check. */}
          {mustConfirm ? <ConfirmChecked /> : null}
          <MethodToggle method={method} disabled={busy !== null} error={methodError} />
          <ChargeButton
            amountMinor={a.amountMinor}
            currency={a.currency}
            label={`Charge ${money(a.amountMinor, a.currency)} again`}
            disabled={busy !== null || (mustConfirm && !confirmChecked)}
          />
        </div>
      );
      break;
    }
  }

  return (
    <section className={`panel payment payment-${phase}`} aria-label="Payment">
      {body}
      {attempt?.mismatch ? (
        <Message kind="warning">
          <strong>Check with your manager:</strong> {attempt.mismatch}
        </Message>
      ) : null}
      {generalError ? <Message kind="error">{generalError}</Message> : null}
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {live}
      </div>
    </section>
  );
}
