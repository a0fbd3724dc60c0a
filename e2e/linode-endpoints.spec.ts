import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

/**
 * The profile editor's optional listing of a Linode account's endpoints, against a replayed answer of
 * GET /v4/object-storage/endpoints (shaped as the Linode API documents it) from a local server the app
 * is pointed at with PAIL_LINODE_API_URL.
 */
const appEnv: Record<string, string> = {};
let api: Server;
const seen: { url: string; authorization?: string }[] = [];

test.use({ appEnv });

test.beforeAll(async () => {
  api = createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    if (req.headers.authorization !== 'Bearer e2e-good-token') {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ reason: 'Invalid Token' }] }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        data: [
          { endpoint_type: 'E3', region: 'us-iad', s3_endpoint: 'us-iad-10.linodeobjects.com' },
          { endpoint_type: 'E3', region: 'de-fra-2', s3_endpoint: 'de-fra-1.linodeobjects.com' },
        ],
        page: 1,
        pages: 1,
        results: 2,
      }),
    );
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  appEnv.PAIL_LINODE_API_URL = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => api?.close(resolve));
});

test("lists the Linode account's endpoints with a token used once, and picking one sets the endpoint and region", async ({ page }) => {
  await page.getByRole('button', { name: 'Add profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add profile' });
  await dialog.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Linode / Akamai Object Storage' });
  const disclosure = dialog.getByRole('button', { name: 'List my account’s endpoints (optional, with a Linode API token)' });
  await expect(disclosure).toHaveAttribute('aria-expanded', 'false');
  await disclosure.click();
  const group = dialog.getByRole('group', { name: 'Linode account endpoints' });
  const token = group.getByLabel('Linode API token');
  await expect(token).toHaveAccessibleDescription(/never stored/);

  await token.fill('e2e-wrong-token');
  await group.getByRole('button', { name: 'List endpoints' }).click();
  await expect(group.getByRole('alert')).toContainText('The Linode API refused the token (HTTP 401).');

  await token.fill('e2e-good-token');
  await group.getByRole('button', { name: 'List endpoints' }).click();
  const list = group.getByRole('list', { name: 'Your endpoints' });
  await expect(list.getByRole('listitem')).toHaveText(['de-fra-1.linodeobjects.com de-fra-2, E3', 'us-iad-10.linodeobjects.com us-iad, E3']);
  // The token field is emptied once sent: nothing keeps it.
  await expect(token).toHaveValue('');
  await list.getByRole('button', { name: 'us-iad-10.linodeobjects.com' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Endpoint URL' })).toHaveValue('https://us-iad-10.linodeobjects.com');
  await expect(dialog.getByRole('combobox', { name: 'Endpoint host' })).toHaveValue('us-iad-10');
  await expect(list.getByRole('button', { name: 'us-iad-10.linodeobjects.com' })).toHaveAttribute('aria-pressed', 'true');
  expect(seen.map((s) => s.authorization)).toEqual(['Bearer e2e-wrong-token', 'Bearer e2e-good-token']);
});
