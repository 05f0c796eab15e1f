// Who may open the manager screens. The PIN fails closed: a PIN file that cannot be read, or one
// missing where a store already has a Zoho connection or live payments, locks the screens until
// someone with the computer's account resets the PIN outside the app (pin-reset.ts). A first PIN
// may be set only on a fresh install. Every try is counted before the PIN is checked, in one step
// with the lockout check, and the count is saved before the answer, so neither a burst of tries
// nor a restart gets more than 5 per lockout. Setting, changing, resetting and lockouts go into
// the audit trail. A PC of a store has the store's PIN: a new PIN goes to the store first
// (publishPin, through the store's change_pin), a PIN the store knows but this PC does not yet (changed
// at another PC) is checked by the store (storeVerifies) and taken here, and a wrong store PIN at
// joining counts towards the same lockout. While a manager session is open the PIN entered stays in
// this process's memory (never on disk, never sent to the renderer): the store's configuration
// functions ask for it with every change.
import { formatDateTime } from '../../contract/calendar';
import type { ManagerStatus } from '../../contract/answers';
import type { AccessEventKind } from '../../db/local/access-events';
import { HandlerFailure } from '../failure';
import type { ManagerSessions } from './auth';
import { countTry, lockoutRemainingMs, MAX_FAILED_TRIES, NO_WRONG_TRIES, waitText, type TryGuard } from './pin-guard';
import { hashPin, isWeakerThan, PIN_KDF_COST, verifyPin, type KdfCost } from './pin-hash';
import { PIN_FILE, type ManagerPinFile, type PinRecord } from './pin-file';

export interface ManagerAccessOptions {
  pinFile: ManagerPinFile;
  sessions: ManagerSessions;
  now: () => number;
  /** A fresh install: no Zoho connection saved and no live database. Only then may a first PIN be set. */
  isFreshInstall: () => Promise<boolean>;
  /** Appends to the audit trail of the running mode's database. */
  audit: (event: { kind: AccessEventKind; actor: string; detail: string }) => void;
  /** How to reset the PIN on this install, in words for the manager (which command, where). */
  recovery: string;
  kdfCost?: KdfCost;
  /** Called with a new PIN (and the current one, when known) before it is kept here: a PC of a store changes the store's first (and fails with it). */
  publishPin?: (pin: string, currentPin: string | null) => Promise<void>;
  /** A PC of a store whose link is up: whether the store's database takes this PIN (the store counts the try). */
  storeVerifies?: (pin: string) => Promise<boolean>;
}

type Session = { managerToken: string; expiresAt: number };

export class ManagerAccess {
  private record: PinRecord = { kind: 'unreadable' };
  private loaded: Promise<void> | null = null;
  private saving: Promise<void> = Promise.resolve();
  private changing: Promise<unknown> = Promise.resolve();
  private readonly cost: KdfCost;
  /** The PIN of the open manager sessions, in memory only. */
  private enteredPin: string | null = null;

  constructor(private readonly options: ManagerAccessOptions) {
    this.cost = options.kdfCost ?? PIN_KDF_COST;
  }

  async status(): Promise<ManagerStatus> {
    await this.ready();
    const record = this.record;
    switch (record.kind) {
      case 'set':
        return { pin: 'set', message: null, reset: null };
      case 'reset':
        return { pin: 'reset', message: null, reset: { at: record.at, by: record.by } };
      case 'absent':
        if (await this.options.isFreshInstall()) return { pin: 'not_set', message: null, reset: null };
        return { pin: 'needs_recovery', message: this.recoveryMessage(record), reset: null };
      case 'unreadable':
        return { pin: 'needs_recovery', message: this.recoveryMessage(record), reset: null };
    }
  }

  async unlock(pin: string): Promise<Session> {
    await this.checkPin(pin, 'pin');
    return this.options.sessions.open();
  }

  /** One change at a time, so that two first PINs sent at once cannot both be set. */
  setPin(pin: string, currentPin: string | undefined): Promise<Session> {
    const run = this.changing.then(() => this.changePin(pin, currentPin));
    this.changing = run.catch(() => undefined);
    return run;
  }

  private async changePin(pin: string, currentPin: string | undefined): Promise<Session> {
    await this.ready();
    const record = this.record;
    switch (record.kind) {
      case 'set':
        if (currentPin === undefined) throw new HandlerFailure('invalid_input', 'Enter the current PIN to change it.', 'currentPin');
        await this.checkPin(currentPin, 'currentPin');
        await this.store(pin, currentPin);
        this.options.audit({ kind: 'pin_changed', actor: 'manager', detail: 'The manager PIN was changed.' });
        break;
      case 'reset':
        await this.store(pin);
        this.options.audit({
          kind: 'pin_set',
          actor: 'manager',
          detail: `A new manager PIN was set after the reset by ${record.by} at ${formatDateTime(record.at)}.`,
        });
        break;
      case 'absent':
        if (!(await this.options.isFreshInstall())) throw this.recoveryFailure(record, 'pin');
        await this.store(pin);
        this.options.audit({ kind: 'pin_set', actor: 'manager', detail: 'The first manager PIN was set.' });
        break;
      case 'unreadable':
        throw this.recoveryFailure(record, 'pin');
    }
    return this.options.sessions.open();
  }

  private async checkPin(pin: string, field: string): Promise<void> {
    await this.ready();
    // From here to the save, nothing waits: the lockout check and the count are one step.
    const record = this.record;
    if (record.kind !== 'set') throw await this.notSetFailure(record, field);
    const now = this.options.now();
    const waitMs = lockoutRemainingMs(record.guard, now);
    if (waitMs > 0) throw new HandlerFailure('locked', `Too many wrong PINs. Try again in ${waitText(waitMs)}.`, field);
    const guard = countTry(record.guard, now);
    this.record = { ...record, guard };
    await this.save();

    if (await verifyPin(pin, record.hash)) {
      this.enteredPin = pin;
      const upgraded = isWeakerThan(record.hash, this.cost) ? await hashPin(pin, this.cost) : record.hash;
      const current = this.record;
      if (current.kind === 'set' && current.hash === record.hash) {
        this.record = { kind: 'set', hash: upgraded, guard: NO_WRONG_TRIES };
        await this.save();
      }
      return;
    }
    if (await this.options.storeVerifies?.(pin)) {
      await this.adoptStorePin(pin);
      return;
    }
    if (guard.lockouts > record.guard.lockouts) this.auditLockout(guard, now);
    throw new HandlerFailure('locked', 'That PIN is not right.', field);
  }

  private auditLockout(guard: TryGuard, now: number): void {
    this.options.audit({
      kind: 'pin_locked_out',
      actor: 'manager screen',
      detail: `${MAX_FAILED_TRIES} wrong PINs: no more tries for ${waitText(guard.lockedUntil - now)}.`,
    });
  }

  /** The PIN entered for the open manager sessions (the store's functions check it); null when none is open. */
  sessionPin(): string | null {
    if (!this.options.sessions.anyOpen()) this.enteredPin = null;
    return this.enteredPin;
  }

  /** This PC's PIN hash, or null while none is set (a PC that creates a store gives the store its PIN). */
  async currentHash(): Promise<string | null> {
    await this.ready();
    return this.record.kind === 'set' ? this.record.hash : null;
  }

  /** Takes the store's PIN (the store's database took it) as this PC's: a store has one PIN. */
  async adoptStorePin(pin: string): Promise<void> {
    await this.ready();
    const record = this.record;
    this.enteredPin = pin;
    if (record.kind === 'set' && (await verifyPin(pin, record.hash))) return;
    this.record = { kind: 'set', hash: await hashPin(pin, this.cost), guard: NO_WRONG_TRIES };
    await this.save();
    this.options.audit({ kind: 'pin_changed', actor: 'store', detail: 'This PC took the manager PIN of its store.' });
  }

  /** Refuses a try at a PIN checked elsewhere (the store's, on joining one) while the screen is locked out. */
  async refuseWhileLockedOut(field: string): Promise<void> {
    await this.ready();
    const record = this.record;
    const waitMs = record.kind === 'set' ? lockoutRemainingMs(record.guard, this.options.now()) : 0;
    if (waitMs > 0) throw new HandlerFailure('locked', `Too many wrong PINs. Try again in ${waitText(waitMs)}.`, field);
  }

  /** A wrong PIN checked elsewhere counts with the screen's tries, towards the same lockout. */
  async countWrongTry(): Promise<void> {
    await this.ready();
    const record = this.record;
    if (record.kind !== 'set') return;
    const now = this.options.now();
    const guard = countTry(record.guard, now);
    this.record = { ...record, guard };
    await this.save();
    if (guard.lockouts > record.guard.lockouts) this.auditLockout(guard, now);
  }

  private async notSetFailure(record: Exclude<PinRecord, { kind: 'set' }>, field: string): Promise<HandlerFailure> {
    if (record.kind === 'unreadable' || (record.kind === 'absent' && !(await this.options.isFreshInstall()))) return this.recoveryFailure(record, field);
    return new HandlerFailure('conflict', 'No manager PIN is set yet. Set one first.', field);
  }

  private async store(pin: string, currentPin: string | null = null): Promise<void> {
    await this.options.publishPin?.(pin, currentPin);
    const hash = await hashPin(pin, this.cost);
    this.record = { kind: 'set', hash, guard: NO_WRONG_TRIES };
    this.enteredPin = pin;
    await this.save();
  }

  private ready(): Promise<void> {
    this.loaded ??= this.options.pinFile.read().then((record) => {
      this.record = record;
    });
    return this.loaded;
  }

  /** Writes the record as it is now; writes happen in the order asked, so the last one stays. */
  private save(): Promise<void> {
    const record = this.record;
    if (record.kind !== 'set' && record.kind !== 'reset') return Promise.resolve();
    const run = this.saving.then(() => this.options.pinFile.write(record));
    this.saving = run.catch(() => undefined);
    return run;
  }

  private recoveryMessage(record: PinRecord): string {
    const why =
      record.kind === 'unreadable'
        ? `The manager PIN file (${PIN_FILE} in Counter’s data folder) is damaged or cannot be read`
        : `The manager PIN file (${PIN_FILE}) is missing from Counter’s data folder, but this computer already has a Zoho connection or live payments`;
    return `${why}, so the manager screens stay locked. ${this.options.recovery}`;
  }

  private recoveryFailure(record: PinRecord, field: string): HandlerFailure {
    return new HandlerFailure('locked', this.recoveryMessage(record), field);
  }
}
