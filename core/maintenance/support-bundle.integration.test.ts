// The support bundle of a working shop (live mode on the simulator, the log on disk): what it holds,
// and that no secret Counter was given or made is in it, however it reached the log.
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../db/local/migrations';
import { Rig } from '../../testkit/rig';
import { readZip } from '../../testkit/zip';
import { openLogFiles, type LogFiles } from './log-files';

let rig: Rig | null = null;
let logs: LogFiles | null = null;
afterEach(async () => {
  await rig?.close();
  await logs?.close();
  rig = null;
  logs = null;
});

const unique = Date.now().toString(36);
const PLANTED = {
  clientSecret: `planted-client-secret-${unique}-aaaaaaaaaaaa`,
  refreshToken: `1000.planted-refresh-token-${unique}.bbbbbbbbbbbb`,
  pin: '86420975',
};

describe('the support bundle', () => {
  it('holds the logs, versions, checks, counts, settings and the attempts needing review, and no planted secret', async () => {
    const r = (rig = await Rig.start({
      counters: 2,
      simulator: {
        fixture: {
          clients: [
            {
              clientId: '1000.PLANTEDCLIENT0000000000000001',
              clientSecret: PLANTED.clientSecret,
              name: 'Counter',
              redirectUris: ['http://127.0.0.1/callback'],
              refreshTokens: [PLANTED.refreshToken],
            },
          ],
        },
      },
    }));
    // The app's real log on disk, as the desktop app and the browser host keep it.
    logs = await openLogFiles(r.dataDir, { stderr: false });
    r.retune({ log: logs.logger });
    await r.restart();
    const { managerToken } = await r.call('manager-set-pin', { pin: PLANTED.pin, currentPin: '2468' });
    r.managerToken = managerToken;
    await r.raw('manager-unlock', { pin: '11111111' }); // a wrong PIN, logged or not

    // A sale, and a create whose answer was lost (unknown: it needs review).
    const paid = await r.charge(4500);
    await r.control.pay(r.counters[0]?.terminalId ?? '', { outcome: 'succeeded' });
    await r.waitFor(paid.id, (a) => a.state === 'succeeded');
    await r.control.faults({ scope: 'create', drop_rate: 1, drop_after_processing: true, count: 1 });
    const lost = await r.charge(1200, { counter: 1 });
    expect(lost.state).toBe('unknown');
    await r.control.clearFaults();
    await r.call('settings-update', { managerToken, backupKeepDays: 21 });

    // Every secret Counter holds now, and a log that leaked them (an older version, a careless message).
    const stored = JSON.parse((await r.secrets.read()) ?? '{}') as { accessToken: string | null };
    const pinHash = (JSON.parse(readFileSync(join(r.dataDir, 'manager-pin.json'), 'utf8')) as { hash: string }).hash;
    // "scrypt$<cost>$<salt>$<hash>": the salt and the hash are secret on their own too.
    const [pinDigest = '', pinSalt = ''] = pinHash.split('$').reverse();
    const secrets = { ...PLANTED, accessToken: stored.accessToken ?? '', pinHash, pinSalt, pinDigest };
    expect(pinSalt.length, pinHash).toBeGreaterThanOrEqual(16);
    expect(secrets.accessToken.length).toBeGreaterThan(10);
    logs.logger.warn('fields named like secrets', { clientSecret: secrets.clientSecret, request: { headers: { authorization: `Zoho-oauthtoken ${secrets.accessToken}` } }, pin: secrets.pin });
    const logFile = join(r.dataDir, 'logs', readdirSync(join(r.dataDir, 'logs'))[0] ?? '');
    appendFileSync(logFile, `${JSON.stringify({ level: 'error', message: `refresh ${secrets.refreshToken} gave ${secrets.accessToken} for ${secrets.clientSecret}; pin file ${secrets.pinHash}` })}\n`);

    const bundle = await r.call('support-bundle', { managerToken });
    expect(bundle.fileName).toMatch(/^counter-support-\d{8}-\d{6}\.zip$/);
    const files = readZip(Buffer.from(bundle.zipBase64, 'base64'));
    expect([...files.keys()].sort()).toEqual(['README.txt', 'attempts-needing-review.json', expect.stringMatching(/^logs\/counter\.\d{4}-\d{2}-\d{2}\.1\.log$/), 'summary.json']);

    const everything = [...files.values()].map((bytes) => bytes.toString('utf8')).join('\n');
    for (const [name, value] of Object.entries(secrets)) expect(everything.includes(value), `${name} is in the bundle`).toBe(false);
    // The leak was there in the log, and is scrubbed in the bundle's copy.
    expect(readFileSync(logFile, 'utf8')).toContain(secrets.accessToken);
    expect(files.get(`logs/${logFile.split('/').pop()}`)?.toString()).toContain('refresh [redacted] gave [redacted] for [redacted]; pin file [redacted]');

    const summary = JSON.parse(files.get('summary.json')?.toString() ?? '{}') as Record<string, Record<string, unknown>>;
    expect(summary.app).toMatchObject({ version: '0.1.0', mode: 'live', platform: process.platform });
    expect(summary.database).toMatchObject({ file: 'counter.db', schemaVersion: MIGRATIONS.length, integrityCheck: ['ok'], attemptsByState: { succeeded: 1, unknown: 1 }, awaitingReview: 1 });
    expect(Object.keys(summary.database?.attemptsByState as object).sort()).toEqual(['succeeded', 'unknown']);
    expect(summary.settings).toEqual({ pollIntervalSeconds: 5, backupKeepDays: 21, defaultMethod: 'card', storeName: '', storeAddress: '' });
    expect(summary.connection).toMatchObject({ state: 'connected', accountId: r.sim.fixture.account_id, clientId: '1000.PLANTEDCLIENT0000000000000001' });
    const review = JSON.parse(files.get('attempts-needing-review.json')?.toString() ?? '[]') as { id: string; state: string; events: unknown[] }[];
    expect(review.map((a) => [a.id, a.state])).toEqual([[lost.id, 'unknown']]);
    expect(review[0]?.events.length).toBeGreaterThan(0);
  });

  it('holds no password of this PC’s store login, even one a log leaked', async () => {
    const r = (rig = await Rig.start({ counters: 1 }));
    const password = `planted-store-password-${unique}`;
    const link = { url: `postgres://counter_pc_planted:${password}@127.0.0.1:1/store`, storeId: 's1', storeName: 'Main Street', stationId: 'pc1', stationName: 'Till 1', zoho: null, knownStations: 1 };
    await r.storeSecrets.write(JSON.stringify(link));
    logs = await openLogFiles(r.dataDir, { stderr: false });
    r.retune({ log: logs.logger });
    await r.restart();
    const logDir = join(r.dataDir, 'logs');
    const logFile = join(logDir, readdirSync(logDir)[0] ?? '');
    appendFileSync(logFile, `${JSON.stringify({ level: 'error', message: `connecting with ${link.url}` })}\n`);
    expect(readFileSync(logFile, 'utf8')).toContain(password);
    const { managerToken } = await r.call('manager-unlock', { pin: '2468' });
    const bundle = await r.call('support-bundle', { managerToken });
    const everything = [...readZip(Buffer.from(bundle.zipBase64, 'base64')).values()].map((bytes) => bytes.toString('utf8')).join('\n');
    expect(everything).toContain('counter_pc_planted');
    expect(everything).not.toContain(password);
  });

  it('is for a manager only', async () => {
    const r = (rig = await Rig.start({ counters: 1 }));
    expect(await r.raw('support-bundle', { managerToken: 'x'.repeat(43) })).toMatchObject({ ok: false, error: { code: 'locked' } });
  });
});
