import { randomBytes } from 'node:crypto';
import type { Locator } from '@playwright/test';
import { expect, seedBucket, test } from './fixtures';
import { openBucket } from './profile-steps';

/** Buttons in a toolbar whose name is not written beside their icon, with what a pointer shows over them. */
async function unlabelled(toolbar: Locator): Promise<{ name: string; title: string }[]> {
  return toolbar
    .locator('button')
    .evaluateAll((buttons) =>
      buttons
        .filter((b) => !(b as HTMLElement).innerText.trim())
        .map((b) => ({ name: b.getAttribute('aria-label') ?? '', title: b.getAttribute('title') ?? '' })),
    );
}

test('every toolbar button says what it does, written or in a tooltip; Import from URL is not drawn as a chain link', async ({ app, page, gateway }) => {
  const bucket = `pail-e2e-tools-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['a.txt']);
  try {
    await openBucket(app, gateway, bucket);
    const actions = page.getByRole('toolbar', { name: 'Actions' });
    await expect(actions.getByRole('button', { name: 'Import from URL…' })).toBeVisible();
    // Two panes leave room for icons only: each then has a tooltip and a name.
    await page.getByRole('button', { name: 'Two panes' }).click();
    const toolbars = [page.locator('.main-toolbar'), ...(await page.getByRole('toolbar').all())];
    let iconOnly = 0;
    for (const toolbar of toolbars) {
      for (const button of await unlabelled(toolbar)) {
        iconOnly += 1;
        expect(button.name, JSON.stringify(button)).not.toBe('');
        expect(button.title, JSON.stringify(button)).toContain(button.name);
      }
    }
    expect(iconOnly).toBeGreaterThan(10);

    // A cloud with an arrow coming down, not the chain link that reads as "copy link".
    await expect(actions.first().getByRole('button', { name: 'Import from URL…' }).locator('svg')).toHaveAttribute('data-icon', 'importUrl');
  } finally {
    await cleanup();
  }
});

test('the first start, with no profile, says what Pail does and offers Add a profile and the import in the middle of the window', async ({ page }) => {
  const welcome = page.getByRole('main').getByRole('region', { name: 'Welcome to Pail' });
  await expect(welcome).toContainText('S3-compatible object storage');
  await welcome.getByRole('button', { name: 'Add a profile' }).click();
  const editor = page.getByRole('dialog', { name: 'Add profile' });
  await expect(editor).toBeVisible();
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(editor).toBeHidden();
  await welcome.getByRole('button', { name: 'Import from ~/.aws or rclone' }).click();
  await expect(page.getByRole('dialog', { name: 'Import profiles' })).toBeVisible();
});

test('the note that secrets are stored unencrypted shows once, then lives in the profile editor', async ({ page }) => {
  const note = page.getByRole('note', { name: 'Where secrets are kept' });
  await expect(note).toContainText('unencrypted');
  await note.getByRole('button', { name: 'Got it' }).click();
  await expect(note).toBeHidden();
  await page.reload();
  await expect(page.getByRole('main').getByRole('region', { name: 'Welcome to Pail' })).toBeVisible();
  await expect(note).toBeHidden();

  await page.getByRole('button', { name: 'Add profile', exact: true }).click();
  const editor = page.getByRole('dialog', { name: 'Add profile' });
  await editor.getByRole('button', { name: 'Where is my secret kept?' }).click();
  await expect(editor).toContainText(/stored unencrypted in .*secrets\.json/);
});

test('the theme switch overrides the system colours at once and is remembered; System follows the system again', async ({ page }) => {
  const background = () => page.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
  const theme = page.getByRole('combobox', { name: 'Theme' });
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(theme).toHaveValue('system');
  const light = await background();

  await theme.selectOption({ label: 'Dark' });
  await expect.poll(background).not.toBe(light);
  const dark = await background();
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
  await expect.poll(background).toBe(dark);

  // An explicit Light wins over a dark system; System follows it.
  await page.emulateMedia({ colorScheme: 'dark' });
  await theme.selectOption({ label: 'Light' });
  await expect.poll(background).toBe(light);
  await theme.selectOption({ label: 'System' });
  await expect.poll(background).toBe(dark);
});
