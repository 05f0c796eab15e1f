// What the integration API needs of the backend: the same calls the screens make (so charges go
// through the one charge service, poller and budget), its events, and the running mode's database
// for keys, call records and idempotency keys.
import type { BillingEvent } from '../../contract/events';
import type { HandlerName, HandlerOutput } from '../../contract/handlers';
import type { Result } from '../../contract/result';
import type { Currency } from '../../contract/vocabulary';
import type { Db } from '../../db/local/database';

export interface IntegrationBackend {
  call<K extends HandlerName>(name: K, input: unknown): Promise<Result<HandlerOutput<K>>>;
  subscribe(listener: (event: BillingEvent) => void): () => void;
  /** Tells the screens (a refund request arrived). */
  emit(event: BillingEvent): void;
  /** The running mode's database (demo or live: each keeps its own keys). */
  db(): Db;
  currency(): Currency;
  now(): number;
}
