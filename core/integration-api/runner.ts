// The integration API's life in the backend: started with the app, restarted on its port when a
// manager opens it to the shop's network or closes it again (kept in the running mode's settings;
// --api-lan / COUNTER_API_LAN=1 keeps it open whatever the screen says), closed with the app.
import type { IntegrationApiStatus } from '../../contract/answers';
import { getSetting, setSetting } from '../../db/local/settings';
import { HandlerFailure } from '../failure';
import type { Handlers } from '../handlers/types';
import type { Logger } from '../logger';
import type { IntegrationBackend } from './port';
import type { RateLimit } from './rate-limit';
import { startIntegrationApi, type IntegrationApi } from './server';

const LAN_SETTING = 'integration-api.lan';

export interface IntegrationApiPlan {
  port: number;
  /** Forced open at start (the shells' flag or environment). */
  lan?: boolean;
  rateLimit?: RateLimit;
}

export class IntegrationApiRunner {
  private api: IntegrationApi | null = null;
  private port: number;

  constructor(
    /** Null when the shells turned the API off. */
    private readonly plan: IntegrationApiPlan | null,
    private readonly backend: IntegrationBackend,
    private readonly log: Logger,
    private readonly clock: () => number,
  ) {
    this.port = plan?.port ?? 0;
  }

  /** A port already taken is logged and the app goes on without the API. */
  async start(): Promise<void> {
    if (!this.plan) return;
    const lan = this.lan();
    try {
      this.api = await startIntegrationApi({
        backend: this.backend,
        port: this.port,
        lan,
        ...(this.plan.rateLimit ? { rateLimit: this.plan.rateLimit } : {}),
        log: this.log,
        clock: this.clock,
      });
      this.port = Number(new URL(this.api.url).port);
      this.log.info('integration api listening', { url: this.api.url, lan });
    } catch (error) {
      this.log.error('the integration api could not start', { port: this.port, error: error instanceof Error ? error.message : String(error) });
    }
  }

  url(): string | null {
    return this.api?.url ?? null;
  }

  status(): IntegrationApiStatus {
    return { url: this.url(), lan: this.api ? this.lan() : false, lanForcedAtStart: this.plan?.lan === true };
  }

  async close(): Promise<void> {
    await this.api?.close();
    this.api = null;
  }

  /** The manager's calls: where it listens, and the network switch (the API restarts on its port). */
  handlers(): Handlers<'integration-api-status' | 'integration-api-configure'> {
    return {
      'integration-api-status': () => this.status(),
      'integration-api-configure': async ({ lan }) => {
        if (!this.plan) {
          throw new HandlerFailure('conflict', 'The integration API is off: Counter was started with --no-api (or COUNTER_API_PORT=off).', 'lan');
        }
        if (!lan && this.plan.lan) {
          throw new HandlerFailure('conflict', 'Counter was started with --api-lan (or COUNTER_API_LAN=1): start it without that to keep the API on this computer only.', 'lan');
        }
        setSetting(this.backend.db(), LAN_SETTING, lan ? '1' : '0');
        this.log.info('integration api network access changed', { lan });
        await this.close();
        await this.start();
        return this.status();
      },
    };
  }

  private lan(): boolean {
    return this.plan?.lan === true || getSetting(this.backend.db(), LAN_SETTING) === '1';
  }
}
