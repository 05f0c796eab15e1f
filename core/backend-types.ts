// What every transport (Electron IPC, the browser host's HTTP) sees of the backend.
import type { BillingEvent } from '../contract/events';
import type { HandlerName, HandlerOutput } from '../contract/handlers';
import type { Result } from '../contract/result';
import type { SecretStore } from './secrets/secret-store';

export interface Backend {
  /** Parses `input` by the call's schema, runs it, and never throws: failures come back as results. */
  call<K extends HandlerName>(name: K, input: unknown): Promise<Result<HandlerOutput<K>>>;
  subscribe(listener: (event: BillingEvent) => void): () => void;
  /** Stops polling and closes the database (and the demo simulator). */
  close(): Promise<void>;
}

export interface BackendOptions {
  /** Folder for the database files (demo and live data are kept in separate files). */
  dataDir: string;
  secretStore: SecretStore;
  /** Environment overrides: ZOHO_PAYMENTS_URL, ZOHO_ACCOUNTS_URL. */
  env?: Record<string, string | undefined>;
  /** Injected clock (unix ms); defaults to Date.now. */
  now?: () => number;
  /** Called with the Zoho consent URL when a manager starts "Sign in with Zoho" (the shell opens the system browser). */
  openExternal?: (url: string) => void;
}
