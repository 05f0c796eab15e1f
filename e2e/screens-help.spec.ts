// The manager's Help tab in the browser: where the logs and backups are, the support bundle (a
// download here; the desktop app saves it through the system's dialog), and the updates (none in
// the browser mode). And the days of backups kept, in Preferences.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readZip } from '../testkit/zip';
import { expect, test } from './fixtures/browser-host';
import { expectAccessible, openApp, setFirstPin, shot } from './screens-support';

test('Help: the files, a support bundle to download, and no updates in the browser mode', async ({ page, host }) => {
  await openApp(page, host);
  await setFirstPin(page);
  await page.getByRole('tab', { name: 'Help' }).click();

  const files = page.getByRole('region', { name: 'Where Counter keeps its files' });
  await expect(files).toContainText(join(host.dataDir, 'logs'));
  await expect(files).toContainText(join(host.dataDir, 'backups'));
  await expect(files).toContainText('None yet. Counter takes one each day at a quiet moment.');
  await expect(page.getByRole('region', { name: 'Updates' })).toContainText('This copy of Counter does not update itself');
  await expectAccessible(page);
  await shot(page, 'manager-09-help');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save a support bundle' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^counter-support-\d{8}-\d{6}\.zip$/);
  const zip = readZip(readFileSync((await saved.path()) ?? ''));
  expect([...zip.keys()]).toEqual(expect.arrayContaining(['README.txt', 'summary.json', 'attempts-needing-review.json']));
  expect(JSON.parse(zip.get('summary.json')?.toString() ?? '{}')).toMatchObject({ app: { mode: 'demo' }, database: { file: 'demo.db', integrityCheck: ['ok'] } });
  await expect(page.getByText('The support bundle is saved. Send it to whoever supports Counter.')).toBeVisible();
  await expectAccessible(page);
  await shot(page, 'manager-10-help-bundle-saved');
});

test('Preferences: the days of backups kept, with the rule named when refused', async ({ page, host }) => {
  await openApp(page, host);
  await setFirstPin(page);
  await page.getByRole('tab', { name: 'Preferences' }).click();
  const backups = page.getByRole('form', { name: 'Backups' });
  const days = backups.getByLabel('Keep daily backups for (days)');
  await expect(days).toHaveValue('14');
  await days.fill('0');
  await backups.getByRole('button', { name: 'Save' }).click();
  await expect(days).toHaveAccessibleDescription(/Keep backups of at least 1 day/);
  await expectAccessible(page);
  await shot(page, 'manager-11-backup-days-refused');
  await days.fill('30');
  await backups.getByRole('button', { name: 'Save' }).click();
  await expect(backups.getByText('Saved: backups of the last 30 days are kept.')).toBeVisible();
  expect(await host.call('settings-get', {})).toMatchObject({ ok: true, value: { pollIntervalSeconds: 5, backupKeepDays: 30 } });
});
