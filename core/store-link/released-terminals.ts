// A counter a manager released from a PC cut off from the store (claims.ts, store migration 015). That
// PC may still be finishing a payment on the counter's terminal: it reaches Zoho, not the store. It
// starts no new payment once its lease has lapsed (lease.ts), and a release needs that lease lapsed, so
// the payment to wait for was started before the release. Another PC takes the terminal only when
// - Zoho says that PC's last payment there the store knows of is final, having said it was still open
//   after the release (so no later payment of that PC, unknown to the store, can exist), or
// - the session's validity plus grace has passed since the release, on this PC's monotonic clock
//   (from when it first saw the release, less the time the store's clock says had gone by then): any
//   payment that PC started has ended by then.
import type { ClaimReleaseRow } from '../../db/store/claims';
import { HandlerFailure } from '../failure';
import type { ZohoSession } from '../zoho/schemas';

export interface ReleaseWaitDeps {
  /** Monotonic ms (performance.now). */
  clock: () => number;
  /** A session's validity plus grace. */
  waitMs: number;
}

interface Watch {
  terminalId: string;
  stationName: string;
  /** On the monotonic clock: the session that PC may have left on the terminal has surely ended. */
  until: number;
  /** Zoho said its last known payment there was still open after the release. */
  seenOpen: boolean;
  /** Zoho said that payment ended after that. */
  ended: boolean;
}

/** "2:10": minutes and seconds, rounded up. */
function minutesAndSeconds(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export class ReleasedTerminals {
  private readonly watched = new Map<string, Watch>();

  constructor(private readonly deps: ReleaseWaitDeps) {}

  /**
   * Refuses (conflict, at the terminal, naming the PC and how long at most) a charge on a terminal
   * whose counter was released from another PC lately, until that PC's last payment there is over.
   */
  async assertOver(release: ClaimReleaseRow, use: { terminalId: string; counterName: string; retrieve: (sessionId: string) => Promise<ZohoSession> }): Promise<void> {
    const key = `${release.counter_id}/${release.station_id}/${release.released_at}`;
    const now = this.deps.clock();
    const watch = this.watched.get(key) ?? {
      terminalId: use.terminalId,
      stationName: release.station_name,
      until: now + this.deps.waitMs - release.elapsed_ms,
      seenOpen: false,
      ended: false,
    };
    this.watched.set(key, watch);
    if (now >= watch.until || watch.ended) return;
    if (release.payments_session_id !== null) {
      const status = await use
        .retrieve(release.payments_session_id)
        .then((session) => session.session_status)
        .catch(() => null);
      if (status === 'in_progress') watch.seenOpen = true;
      else if ((status === 'succeeded' || status === 'failed') && watch.seenOpen) watch.ended = true;
    }
    if (!watch.ended) throw waiting(watch, use.counterName, now);
  }

  /** With the store out of reach: the releases this PC has seen on the terminal still hold it, for as long as they did. */
  assertSeenOver(use: { terminalId: string; counterName: string }): void {
    const now = this.deps.clock();
    for (const watch of this.watched.values()) {
      if (watch.terminalId === use.terminalId && !watch.ended && now < watch.until) throw waiting(watch, use.counterName, now);
    }
  }
}

function waiting(watch: Watch, counterName: string, now: number): HandlerFailure {
  return new HandlerFailure(
    'conflict',
    `${counterName}’s terminal may still be finishing a payment started on PC “${watch.stationName}”, which a manager released while that PC was cut off from the store. It will be free in ${minutesAndSeconds(watch.until - now)} at the latest, sooner once Zoho says that payment has ended.`,
    'terminalId',
  );
}
