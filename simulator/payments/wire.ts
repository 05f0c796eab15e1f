// Sessions as the payments API writes them (seeds 000 and 003): amounts as strings, times in unix
// seconds, optional fields left out rather than null, and the session type under either spelling.
import type { SessionTypeKey } from '../options';
import { METHOD_LABELS, type MetaDataItem, type PaymentRecord, type SessionRecord, type SessionStatus } from './model';

export interface WirePayment {
  payment_id: string;
  amount: string;
  status: 'succeeded' | 'failed';
  date: number;
  date_formatted: string;
  failure_code?: string;
  payment_method: { type: string; type_formatted: string };
}

export type WireSession = {
  payments_session_id: string;
  currency: string;
  amount: string;
  terminal_id: string;
  created_time: number;
  session_status: SessionStatus;
  invoice_number?: string;
  description?: string;
  meta_data?: MetaDataItem[];
  payments?: WirePayment[];
} & Partial<Record<SessionTypeKey, 'pos_payment'>>;

const unixSeconds = (ms: number) => Math.floor(ms / 1000);

/** "Sep 18, 2025, 11:17 am", as in seed 003. ICU's formatter is made at the first use, not at start (it takes ~15 ms). */
function dateFormatter(timeZone: string): (ms: number) => string {
  let format: Intl.DateTimeFormat | null = null;
  // ICU puts a narrow no-break space before AM/PM; Zoho writes a plain space and lower case.
  return (ms) => {
    format ??= new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true, timeZone });
    return format.format(ms).replace(/\s(AM|PM)$/, (_match, half: string) => ` ${half.toLowerCase()}`);
  };
}

export class WireWriter {
  private readonly formatDate: (ms: number) => string;

  constructor(timeZone: string) {
    this.formatDate = dateFormatter(timeZone);
  }

  session(session: SessionRecord, typeKey: SessionTypeKey): WireSession {
    const wire: WireSession = {
      payments_session_id: session.sessionId,
      currency: session.currency,
      amount: session.amount,
      terminal_id: session.terminalId,
      created_time: unixSeconds(session.createdAt),
      [typeKey]: 'pos_payment',
      session_status: session.status,
    };
    if (session.invoiceNumber !== null) wire.invoice_number = session.invoiceNumber;
    if (session.description !== null) wire.description = session.description;
    if (session.metaData !== null) wire.meta_data = session.metaData.map((item) => ({ key: item.key, value: item.value }));
    if (session.payments.length > 0) wire.payments = session.payments.map((payment) => this.payment(payment));
    return wire;
  }

  private payment(payment: PaymentRecord): WirePayment {
    return {
      payment_id: payment.paymentId,
      amount: payment.amount,
      status: payment.status,
      date: unixSeconds(payment.at),
      date_formatted: this.formatDate(payment.at),
      ...(payment.failureCode === null ? {} : { failure_code: payment.failureCode }),
      payment_method: { type: payment.method, type_formatted: METHOD_LABELS[payment.method] },
    };
  }
}

/** Picks the session type key for each answer: fixed, or switching every time. */
export function sessionTypeKeys(mode: SessionTypeKey | 'alternate'): () => SessionTypeKey {
  if (mode !== 'alternate') return () => mode;
  let next: SessionTypeKey = 'payments_session_type';
  return () => {
    const current = next;
    next = current === 'payments_session_type' ? 'payment_session_type' : 'payments_session_type';
    return current;
  };
}
