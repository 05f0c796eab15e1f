// The one lifecycle of a thing Counter asks Zoho to make and then follows (a charge's payment
// session, a refund): written (`creating`) before Zoho is asked → Zoho's id recorded the moment its
// answer arrives → followed through the one poller → settled by Zoho's word, or, when its day is
// already closed, kept as a correction on a later open day. A lost answer is never sent again: the
// kind decides what to do with it. Each kind (charges, refunds) gives only its specifics: what to
// write and to send, what Zoho's answers write, and when it is still followed (FollowedKind).
import type { DayClose } from '../../contract/records';
import { closeCovering, correctionFor } from '../../db/local/day-closes';
import { CallsUnderWay } from '../calls-under-way';
import { isZohoError } from '../zoho/errors';
import type { CheckOutcome, Follower, Following } from './poller';
import type { FollowingServiceOptions } from './service-options';

export interface FollowedRecord {
  id: string;
  state: string;
  /** Unix ms: when it was written (its day is the day it belongs to). */
  createdAt: number;
}

/** The record as written before Zoho is asked, and the create to send (null: the same request again, already sent). */
export interface WrittenAhead<R, Answer> {
  record: R;
  send: (() => Promise<Answer>) | null;
}

/** What one kind of followed thing brings to the lifecycle. */
export interface FollowedKind<R extends FollowedRecord, Input, Answer> {
  /** Its name in the corrections of closed days. */
  kind: 'charge' | 'refund';
  /** What a person is told who asks while Counter stops. */
  stoppingMessage: string;
  /** The longest a create waits out a 429 pause before it is not sent. */
  createPauseWaitMs: number;
  /** Writes the record (`creating`), refusing what may not be made; throws to refuse. */
  writeAhead: (input: Input) => Promise<WrittenAhead<R, Answer>>;
  /** Zoho made it: records its id (logged first, so a failed write still leaves it on record). */
  recordCreated: (record: R, answer: Answer) => R;
  /** The create failed: nothing was made, or its answer was lost. */
  createFailed: (record: R, error: unknown) => Promise<R>;
  /** Nothing was sent: a long 429 pause, or Counter was stopping. */
  notSent: (record: R, waitMs: number, stopping: boolean) => R;
  /** After a restart: a record still `creating` lost its create's answer. */
  lostAnswer: (record: R) => R;
  /** The poller follows it (after its create, and after a restart). */
  isFollowed: (record: R) => boolean;
  /** A person may ask Zoho about it (by default: while it is followed). */
  mayCheck?: (record: R) => boolean;
  /** One question to Zoho about it, and what the answer writes (see `settle`). */
  ask: (record: R, actor: 'poller' | 'recheck') => Promise<CheckOutcome>;
  /** Unix ms its age counts from, for one made by an earlier run. */
  bornAt: (record: R) => number;
  load: (id: string) => R;
  /** Records not final when Counter starts: each resumed. */
  unfinished: () => R[];
  publish: (record: R) => void;
}

/** What this run knows of a followed record beyond the database. */
export interface FollowedAge {
  /** When it was made, on the monotonic clock (estimated from the wall clock after a restart). */
  bornAt: number;
  /** Checks in a row that got no answer: a backoff's exponent. */
  missed: number;
  /** What Zoho said that was noted in the record's trail once already. */
  noted: Set<string>;
}

export class Lifecycle<R extends FollowedRecord, Input, Answer> implements Follower {
  private readonly following: Following;
  private readonly creates = new CallsUnderWay();
  private readonly ages = new Map<string, FollowedAge>();

  constructor(
    private readonly options: FollowingServiceOptions,
    private readonly kind: FollowedKind<R, Input, Answer>,
  ) {
    this.following = options.poller.follow(this);
  }

  /** Makes it at Zoho. Stopping waits for it: Zoho's id is always recorded, never lost to a closed database. */
  create(input: Input): Promise<R> {
    return this.creates.run(() => this.createAndRecord(input), this.kind.stoppingMessage);
  }

  /** Refuses new creates and waits for every create under way (their HTTP calls time out, so this ends). */
  stop(): Promise<void> {
    return this.creates.stop();
  }

  /** A person asked: asks Zoho now (see Following.checkNow). */
  recheck(id: string): Promise<void> {
    return this.following.checkNow(id);
  }

  /** After a restart: what was `creating` lost its answer; what is followed is checked again at once. */
  resume(): void {
    for (const unfinished of this.kind.unfinished()) {
      const record = unfinished.state === 'creating' ? this.kind.lostAnswer(unfinished) : unfinished;
      if (this.kind.isFollowed(record)) this.following.track(record.id, 0);
    }
  }

  /** The poller's (or a person's) check: nothing is asked about a record no longer followed or already corrected. */
  async check(id: string, actor: 'poller' | 'recheck'): Promise<CheckOutcome> {
    const record = this.kind.load(id);
    const mayCheck = this.kind.mayCheck ?? this.kind.isFollowed;
    if (!mayCheck(record) || correctionFor(this.options.db, this.kind.kind, record.id)) return this.done(record.id);
    return this.kind.ask(record, actor);
  }

  /**
   * Zoho's word on the record: written on its open day, or, when its day is closed, kept as a
   * correction on a later open day (`onClosedDay` says whether it wrote one: the log's screens are told).
   */
  settle<T>(record: R, onOpenDay: () => T, onClosedDay: (close: DayClose) => { corrected: boolean; result: T }): T {
    const close = closeCovering(this.options.db, record.createdAt);
    if (!close) return onOpenDay();
    const { corrected, result } = onClosedDay(close);
    if (corrected) this.options.events.emit({ type: 'ledger-changed' });
    return result;
  }

  /** The record's age on the monotonic clock: a wall clock set forward or back changes nothing. */
  ageOf(record: R): number {
    return this.options.clock() - this.age(record).bornAt;
  }

  /**
   * What this run knows of the record. One made by an earlier run is dated from the wall clock once,
   * when first seen; from then on its age runs on the monotonic clock.
   */
  age(record: R): FollowedAge {
    let age = this.ages.get(record.id);
    if (!age) {
      const wallAge = Math.max(0, this.options.now() - this.kind.bornAt(record));
      age = { bornAt: this.options.clock() - wallAge, missed: 0, noted: new Set() };
      this.ages.set(record.id, age);
    }
    return age;
  }

  /** No more checks of the record: it is final, corrected, or handed to a person. */
  done(id: string): CheckOutcome {
    this.ages.delete(id);
    return { done: true };
  }

  private async createAndRecord(input: Input): Promise<R> {
    const { record, send } = await this.kind.writeAhead(input);
    if (!send) return record;
    this.born(record.id);
    this.kind.publish(record);
    // A create spends the account's rate limit as checks do, and waits out a 429 pause.
    const draw = await this.following.drawForCreate(this.kind.createPauseWaitMs);
    if (!draw.granted) return this.afterCreate(this.kind.notSent(record, draw.waitMs, this.creates.stopping || draw.waitMs === 0));
    let answer: Answer;
    try {
      answer = await send();
    } catch (error) {
      if (isZohoError(error, 'rate_limited')) this.following.pause(error.details.retryAfterMs ?? 60_000);
      return this.afterCreate(await this.kind.createFailed(record, error));
    }
    this.options.onZohoTrouble(null);
    this.born(record.id);
    return this.afterCreate(this.kind.recordCreated(record, answer));
  }

  /** Follows what the create left open, from the next interval on. */
  private afterCreate(record: R): R {
    if (this.kind.isFollowed(record)) this.following.track(record.id, this.options.intervalMs());
    else this.ages.delete(record.id);
    return record;
  }

  /** Its age starts now: at the write, and again when Zoho's answer says it was made. */
  private born(id: string): void {
    this.ages.set(id, { bornAt: this.options.clock(), missed: 0, noted: new Set() });
  }
}
