import { expect, test } from './fixtures';

// Web transport only (playwright.config.ts leaves this file out when PAIL_E2E=electron).
test('the web transport refuses requests without the per-run token', async ({ app, playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: app.origin });
  try {
    const page = await anonymous.get('/');
    expect(page.status()).toBe(403);
    expect(await page.text()).toContain('open the full URL that `npm run web` printed');
    expect((await anonymous.post('/api/profiles:list', { data: {} })).status()).toBe(403);
    expect((await anonymous.post('/api/profiles:list', { data: {}, headers: { 'X-Pail-Token': 'guess' } })).status()).toBe(403);
    const withToken = await anonymous.post('/api/profiles:list', { data: {}, headers: { 'X-Pail-Token': app.token! } });
    expect(await withToken.json()).toEqual({ ok: true, data: [] });
  } finally {
    await anonymous.dispose();
  }
});

test('the page keeps working after the token leaves the address bar', async ({ page }) => {
  await expect(page.getByRole('button', { name: 'Add profile' })).toBeVisible();
  expect(new URL(page.url()).searchParams.get('token')).toBeNull();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Add profile' })).toBeVisible();
});
