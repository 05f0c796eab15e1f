// The counters a key may charge on, and what each is doing now (from the same dashboard as the screens).
import { awaitsReview, isHeld, type IntegrationKey } from '../../contract/records';
import { isLiveState } from '../../contract/vocabulary';
import type { Answer } from './charges';
import type { IntegrationBackend } from './port';
import { fromAppError } from './replies';

export type CounterState = 'free' | 'charging' | 'held' | 'needs_review' | 'inactive';

export async function listCounters(api: IntegrationBackend, key: IntegrationKey): Promise<Answer> {
  const dashboard = await api.call('dashboard', {});
  if (!dashboard.ok) throw fromAppError(dashboard.error);
  const counters = dashboard.value
    .filter(({ counter }) => key.counterIds.includes(counter.id))
    .map(({ counter, attempt }) => {
      let state: CounterState = 'free';
      if (!counter.active) state = 'inactive';
      else if (attempt && isLiveState(attempt.state)) state = 'charging';
      else if (attempt && isHeld(attempt)) state = 'held';
      else if (attempt && awaitsReview(attempt)) state = 'needs_review';
      return { id: counter.id, name: counter.name, terminalId: counter.terminalId, state };
    });
  return { status: 200, body: { counters } };
}
