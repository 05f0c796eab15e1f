// The creates sent to Zoho and not yet recorded (a charge's session, a refund). Stopping refuses new
// ones and waits for each under way to record what Zoho said, so the database is never closed under
// an answer (their HTTP calls time out, so the wait ends).
import { HandlerFailure } from './failure';

export class CallsUnderWay {
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  get stopping(): boolean {
    return this.stopped;
  }

  /** Starts the call, unless stopping: then `refusal` is the person's answer and nothing starts. */
  run<T>(start: () => Promise<T>, refusal: string): Promise<T> {
    if (this.stopped) throw new HandlerFailure('conflict', refusal);
    const call = start();
    this.running.add(call);
    void call.catch(() => undefined).finally(() => this.running.delete(call));
    return call;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.running]);
  }
}
