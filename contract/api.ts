// The interface the renderer talks to: one named function per backend call plus event
// subscription. The Electron preload implements it over IPC, the browser client over HTTP.
import type { BillingEvent } from './events';
import type { CallResult, HandlerInput, HandlerName } from './handlers';

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

export type BillingCalls = {
  [K in HandlerName as CamelCase<K>]: (input: HandlerInput<K>) => CallResult<K>;
};

export interface BillingApi extends BillingCalls {
  /** Calls `listener` for every backend event until the returned function is called. */
  onEvent(listener: (event: BillingEvent) => void): () => void;
}

export function camelCaseName<K extends HandlerName>(name: K): CamelCase<K> {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()) as CamelCase<K>;
}
