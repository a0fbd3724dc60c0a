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

test('every toolbar button says what it does, written or in a tooltip; Import from URL is not drawn as a chain link', async ({ page, gateway }) => {
  const bucket = `pail-e2e-tools-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['a.txt']);
  try {
    await openBucket(page, gateway, bucket);
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
