import { describe, expect, it } from 'vitest';
import { tempDatabaseEachTest } from '../../testkit/db';
import { appendAccessEvent, listAccessEvents } from './access-events';

const temp = tempDatabaseEachTest();

describe('access events', () => {
  it('are listed in the order written', () => {
    appendAccessEvent(temp.db, { at: 2, kind: 'pin_set', actor: 'manager', detail: 'First PIN' });
    appendAccessEvent(temp.db, { at: 1, kind: 'pin_reset', actor: 'asha on shop-pc', detail: 'Reset outside Counter' });
    expect(listAccessEvents(temp.db).map((e) => [e.kind, e.actor])).toEqual([
      ['pin_set', 'manager'],
      ['pin_reset', 'asha on shop-pc'],
    ]);
  });

  it('are append-only, of a known kind, and always say who', () => {
    const { db } = temp;
    appendAccessEvent(db, { at: 1, kind: 'pin_locked_out', actor: 'manager', detail: '5 wrong PINs' });
    expect(() => db.prepare("UPDATE access_events SET detail = 'edited'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM access_events').run()).toThrow(/append-only/);
    expect(() => appendAccessEvent(db, { at: 1, kind: 'pin_opened' as never, actor: 'manager', detail: '' })).toThrow(/CHECK/);
    expect(() => appendAccessEvent(db, { at: 1, kind: 'pin_set', actor: ' ', detail: '' })).toThrow(/CHECK/);
    expect(listAccessEvents(db)).toHaveLength(1);
  });
});
