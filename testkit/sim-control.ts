// The simulator's control API, as tests and benchmarks drive it (the terminal side of a payment,
// fault injection, the request log).

export interface SimRequestLogEntry {
  method: string;
  path: string;
  time: number;
  status: number;
  session_id?: string;
}

export type PayOutcome =
  | { outcome: 'succeeded'; method?: 'card' | 'upi' }
  | { outcome: 'failed'; failure_code: string; method?: 'card' | 'upi' }
  | { outcome: 'declined_attempt'; failure_code: string; method?: 'card' | 'upi' };

export class SimControl {
  constructor(readonly url: string) {}

  async fetchOnTerminal(terminalId: string): Promise<Response> {
    return fetch(`${this.url}/_sim/terminals/${terminalId}/fetch`, { method: 'POST' });
  }

  /** The terminal pulls its session and the customer pays (or fails to). */
  async pay(terminalId: string, outcome: PayOutcome): Promise<void> {
    const fetched = await this.fetchOnTerminal(terminalId);
    if (!fetched.ok) throw new Error(`terminal ${terminalId} has no session to fetch (${fetched.status})`);
    await this.post(`/_sim/terminals/${terminalId}/pay`, outcome);
  }

  async faults(faults: Record<string, unknown>): Promise<void> {
    await this.post('/_sim/faults', faults);
  }

  async clearFaults(): Promise<void> {
    await this.send('DELETE', '/_sim/faults');
  }

  async expireTokens(): Promise<void> {
    await this.post('/_sim/tokens/expire', {});
  }

  async requests(): Promise<SimRequestLogEntry[]> {
    return (await this.get('/_sim/requests')) as SimRequestLogEntry[];
  }

  async sessions(): Promise<{ payments_session_id: string; terminal_id: string; session_status: string; amount: string }[]> {
    return (await this.get('/_sim/sessions')) as { payments_session_id: string; terminal_id: string; session_status: string; amount: string }[];
  }

  async get(path: string): Promise<unknown> {
    const response = await fetch(`${this.url}${path}`);
    if (!response.ok) throw new Error(`GET ${path} → ${response.status}`);
    return response.json();
  }

  async post(path: string, body: unknown): Promise<unknown> {
    return this.send('POST', path, body);
  }

  private async send(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
}
