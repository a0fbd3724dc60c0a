import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Opens the Activity panel once no job runs, and returns it. The panel opens by
 * itself only for a job that takes long or fails; a quick one just finishes,
 * so a test that reads a job's row opens the panel as a user would.
 */
export async function openActivity(page: Page, timeout = 30_000) {
  const activity = page.getByRole('region', { name: 'Activity' });
  await expect(activity).toContainText(/\d+ jobs? finished/, { timeout });
  const toggle = activity.getByRole('button', { name: 'Activity', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  return activity;
}
