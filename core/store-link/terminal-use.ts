// A terminal is one device: while a payment runs on it, or a lost create answer holds it (db/local/holds.ts),
// no other charge may go to it, from this PC or any other of the store. Each PC's SQLite knows its
// own; this asks the store for the others' (shipped with their attempts). A counter's claim keeps one
// PC per counter, so a terminal reaches another PC only through the store: the counter released, or
// its terminal given to another counter. While the link is down a PC knows only its own attempts.
import { formatTime } from '../../contract/calendar';
// A PC whose claim a manager released is judged by the release (released-terminals.ts), not by what
// it last shipped: cut off from the store, its rows there may say "in progress" long after Zoho ended it.
import { isLiveState } from '../../contract/vocabulary';
import { terminalTakersElsewhere } from '../../db/store/attempts';
import { releasesOnTerminal } from '../../db/store/claims';
import type { Queryable } from '../../db/store/migrate';
import { HandlerFailure } from '../failure';
import type { ZohoSession } from '../zoho/schemas';
import type { ReleasedTerminals } from './released-terminals';

export interface TerminalUse {
  storeId: string;
  /** This PC: its own attempts are its SQLite's to judge. */
  stationId: string;
  terminalId: string;
  counterName: string;
  /** Unix ms: a hold whose PC went quiet ends, for the others, when its session has surely expired. */
  now: number;
  /** Zoho's word on another PC's session. */
  retrieve: (sessionId: string) => Promise<ZohoSession>;
}

/** Refuses (conflict, at the terminal, naming the PC) a charge on a terminal another PC of the store is using or holds. */
export async function assertTerminalFreeInStore(client: Queryable, use: TerminalUse, released: ReleasedTerminals): Promise<void> {
  const releases = await releasesOnTerminal(client, use);
  for (const release of releases) await released.assertOver(release, use);
  const releasedPcs = new Set(releases.map((release) => release.station_id));
  const rows = (await terminalTakersElsewhere(client, use)).filter((row) => !releasedPcs.has(row.station_id));
  for (const row of rows) {
    if (isLiveState(row.state)) {
      throw new HandlerFailure('conflict', `Terminal ${use.terminalId} is busy with a payment at PC “${row.station}”.`, 'terminalId');
    }
    if (row.hold_until !== null && Number(row.hold_until) > use.now) {
      throw new HandlerFailure(
        'conflict',
        `Terminal ${use.terminalId} is on hold at PC “${row.station}”: the answer to a charge there was lost, and the terminal may still show that payment until ${formatTime(Number(row.hold_until))}. Wait, or ask a manager to check the terminal and release the hold on that PC.`,
        'terminalId',
      );
    }
  }
}
