import type { Page } from '@playwright/test';
import { startConnectProxy, type ConnectProxy } from '../electron/test-support/connect-proxy';
import { expect, test } from './fixtures';
import { profileAction } from './profile-steps';

const PASSWORD = 'proxy-pässword-e2e';

/** Every answer of the app's API the page reads, as text: what the renderer could ever learn. */
function recordAnswers(page: Page): string[] {
  const answers: string[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/') && response.request().method() === 'POST') {
      void response.text().then(
        (text) => answers.push(text),
        () => undefined,
      );
    }
  });
  return answers;
}

let proxy: ConnectProxy;
test.beforeAll(async () => {
  proxy = await startConnectProxy({ credentials: { username: 'pail', password: PASSWORD } });
});
test.afterAll(async () => {
  await proxy?.close();
});

test('a proxy URL with a password is saved, shown only as "saved", and the connection test goes through it', async ({ page, gateway }) => {
  const answers = recordAnswers(page);
  await page.getByRole('button', { name: 'Add profile', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add profile' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Behind a proxy');
  await dialog.getByRole('textbox', { name: 'Endpoint URL' }).fill(gateway.endpoint);
  await dialog.getByRole('textbox', { name: 'Region' }).fill(gateway.region);
  await dialog.getByRole('textbox', { name: 'Access key ID' }).fill(gateway.users[0].accessKeyId);
  await dialog.getByLabel('Secret access key').fill(gateway.users[0].secretAccessKey);

  const proxySection = dialog.getByRole('group', { name: 'Proxy' });
  await expect(proxySection.getByRole('radio', { name: 'From the environment' })).toBeChecked();
  await proxySection.getByRole('radio', { name: 'This proxy' }).check();
  // A URL that is not a proxy's is refused in words before saving.
  await proxySection.getByRole('textbox', { name: 'Proxy URL' }).fill('socks5://127.0.0.1:1080');
  await dialog.getByRole('button', { name: 'Save profile', exact: true }).click();
  await expect(proxySection.getByText('The proxy URL starts with http:// or https://')).toBeVisible();
  await proxySection.getByRole('textbox', { name: 'Proxy URL' }).fill(proxy.url);
  await proxySection.getByRole('textbox', { name: 'Proxy user name' }).fill('pail');
  await proxySection.getByLabel('Proxy password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Save profile', exact: true }).click();
  await expect(dialog).toBeHidden();

  await profileAction(page, 'Behind a proxy', 'Edit');
  const editor = page.getByRole('dialog', { name: 'Edit profile' });
  const saved = editor.getByRole('group', { name: 'Proxy' });
  await expect(saved.getByRole('radio', { name: 'This proxy' })).toBeChecked();
  await expect(saved.getByRole('textbox', { name: 'Proxy URL' })).toHaveValue(proxy.url);
  await expect(saved.getByText('Proxy password: saved')).toBeVisible();
  await expect(saved.getByLabel('New proxy password')).toHaveValue('');

  proxy.reset();
  await editor.getByRole('button', { name: 'Test connection' }).click();
  const report = editor.getByRole('region', { name: 'Connection test' });
  await expect(report.getByText('Connected', { exact: true })).toBeVisible({ timeout: 45_000 });
  await expect(report.getByText(`connected through the proxy ${proxy.url} (from the profile's proxy setting)`, { exact: false })).toBeVisible();
  expect(proxy.counts.tunnels.length).toBeGreaterThan(0);
  expect(proxy.counts.refused).toBe(0);

  // The password went to the main process once, and nothing the page was ever answered holds it.
  // The profile's summary only says that a password is saved; the connection report names the proxy but not it.
  await expect.poll(() => answers.some((answer) => answer.includes('"proxyPasswordSet":true'))).toBe(true);
  await expect.poll(() => answers.some((answer) => answer.includes('opened a tunnel to'))).toBe(true);
  for (const answer of answers) expect(answer).not.toContain(PASSWORD);
});
