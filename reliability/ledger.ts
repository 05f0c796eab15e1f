// The books must balance: after a run, compare every session Zoho (the simulator) created with the
// attempts in the app's SQLite file, and check the rules no crash or fault may break. Read-only.
import Database from 'better-sqlite3';
import { ATTEMPT_STATES, type AttemptState } from '../contract/vocabulary';
import type { ChargeAttempt } from '../contract/records';
import { SELECT_ATTEMPTS, toChargeAttempt, type AttemptRow } from '../db/local/attempt-queries';

/** A session as the simulator's control API lists it (GET /_sim/sessions). */
export interface SimSession {
  payments_session_id: string;
  terminal_id: string;
  session_status: string;
  amount: string;
  invoice_number?: string;
  meta_data?: { key: string; value: string }[];
  payments?: { payment_id: string; status: string }[];
}

export interface LedgerOptions {
  /** Nothing may still be live (creating, in_progress): the run has settled. */
  settled: boolean;
  /**
   * Every create that reached Zoho was answered (faults hit before processing only): an attempt may
   * be unknown only when Zoho has no session for it.
   */
  createsAlwaysAnswered?: boolean;
}

export interface LedgerReport {
  attempts: number;
  sessions: number;
  invoices: number;
  byState: Record<AttemptState, number>;
  /** Sessions Zoho created whose id the app never stored (their create answer was lost). */
  sessionsWithoutId: number;
  integrity: string;
  problems: string[];
}

interface InvoiceRow {
  id: string;
  number: string;
  status: string;
  payment_id: string | null;
}

interface EventRow {
  attempt_id: string;
  from_state: AttemptState | null;
  to_state: AttemptState;
}

export function auditLedger(dbFile: string, sessions: readonly SimSession[], options: LedgerOptions): LedgerReport {
  const db = new Database(dbFile, { readonly: true });
  try {
    const problems: string[] = [];
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
    const foreignKeys = db.pragma('foreign_key_check') as unknown[];
    if (foreignKeys.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(foreignKeys.slice(0, 3))}`);

    const attempts = db.prepare<[], AttemptRow>(`${SELECT_ATTEMPTS} ORDER BY a.created_at, a.rowid`).all().map(toChargeAttempt);
    const invoices = db.prepare<[], InvoiceRow>('SELECT id, number, status, payment_id FROM invoices').all();
    const events = db.prepare<[], EventRow>('SELECT attempt_id, from_state, to_state FROM attempt_events ORDER BY id').all();

    const byId = new Map(attempts.map((a) => [a.id, a]));
    const sessionById = new Map(sessions.map((s) => [s.payments_session_id, s]));
    const sessionsByAttempt = new Map<string, SimSession[]>();
    let sessionsWithoutId = 0;

    // 1. Every session Zoho created belongs to an attempt written before the create, and ended in its state.
    for (const session of sessions) {
      const attemptId = session.meta_data?.find((m) => m.key === 'attempt_id')?.value;
      const label = `session ${session.payments_session_id} (${session.session_status})`;
      const attempt = attemptId === undefined ? undefined : byId.get(attemptId);
      if (!attemptId || !attempt) {
        problems.push(`${label}: no attempt ${attemptId ?? '(no attempt_id)'} in the database`);
        continue;
      }
      sessionsByAttempt.set(attempt.id, [...(sessionsByAttempt.get(attempt.id) ?? []), session]);
      if (attempt.paymentsSessionId === session.payments_session_id) {
        const final = session.session_status === 'succeeded' || session.session_status === 'failed';
        if (final && attempt.state !== session.session_status) problems.push(`${label}: attempt ${attempt.id} is ${attempt.state}`);
        if (!final && !['in_progress', 'unresolved'].includes(attempt.state)) problems.push(`${label}: attempt ${attempt.id} is ${attempt.state}`);
      } else {
        sessionsWithoutId += 1;
        if (attempt.paymentsSessionId !== null) problems.push(`${label}: attempt ${attempt.id} holds another session ${attempt.paymentsSessionId}`);
        else if (attempt.state !== 'unknown') problems.push(`${label}: its create answer never reached the app, yet attempt ${attempt.id} is ${attempt.state} (must be unknown)`);
      }
    }

    // 2. Every attempt's state is one Zoho's sessions allow.
    for (const attempt of attempts) {
      const own = sessionsByAttempt.get(attempt.id) ?? [];
      const label = `attempt ${attempt.id} (${attempt.invoiceNumber}, ${attempt.state})`;
      if (own.length > 1) problems.push(`${label}: Zoho has ${own.length} sessions for it`);
      const session = attempt.paymentsSessionId === null ? undefined : sessionById.get(attempt.paymentsSessionId);
      if (options.settled && (attempt.state === 'creating' || attempt.state === 'in_progress')) problems.push(`${label}: still live after the run`);
      switch (attempt.state) {
        case 'succeeded':
        case 'failed':
          if (!session) problems.push(`${label}: final without a Zoho session`);
          else if (session.session_status !== attempt.state) problems.push(`${label}: Zoho says ${session.session_status}`);
          if (attempt.state === 'succeeded' && session) {
            const paid = session.payments?.find((p) => p.status === 'succeeded');
            if (paid && attempt.paymentId !== paid.payment_id) problems.push(`${label}: payment id ${attempt.paymentId} but Zoho's is ${paid.payment_id}`);
          }
          break;
        case 'rejected':
          if (own.length > 0) problems.push(`${label}: rejected, but Zoho created session ${own[0]?.payments_session_id}`);
          break;
        case 'in_progress':
          if (!session) problems.push(`${label}: in progress without a Zoho session`);
          break;
        case 'unknown':
          if (options.createsAlwaysAnswered && own.length > 0) problems.push(`${label}: unknown, but Zoho answered the create (session ${own[0]?.payments_session_id})`);
          break;
        default:
          break;
      }
      if (attempt.mismatch !== null) problems.push(`${label}: mismatch ${attempt.mismatch}`);
    }

    // 3. No invoice is charged twice, at Zoho or in the app, and an invoice is paid exactly when one attempt succeeded.
    const succeededByInvoice = new Map<string, ChargeAttempt[]>();
    for (const attempt of attempts) {
      if (attempt.state === 'succeeded') succeededByInvoice.set(attempt.invoiceId, [...(succeededByInvoice.get(attempt.invoiceId) ?? []), attempt]);
    }
    const paidSessionsByInvoice = new Map<string, number>();
    for (const session of sessions) {
      if (session.session_status === 'succeeded' && session.invoice_number) {
        paidSessionsByInvoice.set(session.invoice_number, (paidSessionsByInvoice.get(session.invoice_number) ?? 0) + 1);
      }
    }
    for (const [number, count] of paidSessionsByInvoice) if (count > 1) problems.push(`invoice ${number}: Zoho took ${count} payments`);
    for (const invoice of invoices) {
      const paid = succeededByInvoice.get(invoice.id) ?? [];
      if (paid.length > 1) problems.push(`invoice ${invoice.number}: ${paid.length} succeeded attempts`);
      if ((invoice.status === 'paid') !== (paid.length > 0)) problems.push(`invoice ${invoice.number}: status ${invoice.status} with ${paid.length} succeeded attempts`);
      if (paid[0] && invoice.payment_id !== paid[0].paymentId) problems.push(`invoice ${invoice.number}: payment ${invoice.payment_id} but the attempt says ${paid[0].paymentId}`);
    }

    // 4. Each attempt's audit trail is one unbroken chain from creating to its state now.
    const trail = new Map<string, EventRow[]>();
    for (const event of events) trail.set(event.attempt_id, [...(trail.get(event.attempt_id) ?? []), event]);
    for (const attempt of attempts) {
      const chain = trail.get(attempt.id) ?? [];
      let previous: AttemptState | null = null;
      for (const event of chain) {
        if (event.from_state !== previous) problems.push(`attempt ${attempt.id}: event ${event.from_state}→${event.to_state} after ${previous}`);
        previous = event.to_state;
      }
      if (chain[0]?.to_state !== 'creating' || previous !== attempt.state) problems.push(`attempt ${attempt.id}: trail ends ${previous}, state is ${attempt.state}`);
    }

    const byState = Object.fromEntries(ATTEMPT_STATES.map((s) => [s, 0])) as Record<AttemptState, number>;
    for (const attempt of attempts) byState[attempt.state] += 1;
    return { attempts: attempts.length, sessions: sessions.length, invoices: invoices.length, byState, sessionsWithoutId, integrity, problems };
  } finally {
    db.close();
  }
}

/** How many attempts in the database file are still live (creating or in_progress). */
export function liveAttemptCount(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare<[], { n: number }>("SELECT count(*) AS n FROM charge_attempts WHERE state IN ('creating', 'in_progress')").get()?.n ?? 0;
  } finally {
    db.close();
  }
}

/** One line for logs and docs: "120 attempts (succeeded 80, failed 20, …), 110 sessions". */
export function describeLedger(report: LedgerReport): string {
  const states = ATTEMPT_STATES.filter((s) => report.byState[s] > 0).map((s) => `${s} ${report.byState[s]}`);
  return `${report.attempts} attempts (${states.join(', ')}), ${report.sessions} Zoho sessions (${report.sessionsWithoutId} whose answer was lost), ${report.invoices} invoices, integrity ${report.integrity}, ${report.problems.length} problems`;
}
