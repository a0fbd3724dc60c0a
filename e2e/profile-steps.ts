import type { Page } from '@playwright/test';
import { expect, type GatewayInfo } from './fixtures';

/** Adds a profile for gateway user 0 through "Add profile", as a user would (`endpoint`: a proxy in front of it). */
export async function addGatewayProfile(page: Page, gateway: GatewayInfo, options: { name?: string; endpoint?: string } = {}): Promise<void> {
  await page.getByRole('button', { name: 'Add profile', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add profile' });
  const name = options.name ?? 'Local Ceph';
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await dialog.getByRole('textbox', { name: 'Endpoint URL' }).fill(options.endpoint ?? gateway.endpoint);
  await dialog.getByRole('textbox', { name: 'Region' }).fill(gateway.region);
  await dialog.getByRole('textbox', { name: 'Access key ID' }).fill(gateway.users[0].accessKeyId);
  await dialog.getByLabel('Secret access key').fill(gateway.users[0].secretAccessKey);
  await dialog.getByRole('button', { name: 'Save profile', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
}

/** Adds a profile for the gateway and opens a bucket, as a user would. */
export async function openBucket(page: Page, gateway: GatewayInfo, bucket: string): Promise<void> {
  await addGatewayProfile(page, gateway);
  await page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket, exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Address' })).toHaveValue(`${bucket}/`);
}
