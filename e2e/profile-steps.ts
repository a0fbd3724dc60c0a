import type { Page } from '@playwright/test';
import type { AclSupport } from '../shared/providers';
import { ProfileService } from '../electron/services/profile-service';
import { openSecretStores } from '../electron/services/secret-store';
import { expect, type GatewayInfo, type PailApp } from './fixtures';

/** What a test sets beyond the gateway's own fields: a name, an endpoint (a proxy in front of it), and compatibility settings. */
export interface GatewayProfileOptions {
  name?: string;
  endpoint?: string;
  /** "ACL support" in the compatibility settings. */
  aclSupport?: AclSupport;
  /** One bucket's public URL base, in the compatibility settings. */
  publicUrlBase?: { bucket: string; url: string };
  /** The profile's CA bundle (PEM text): for the gateway's HTTPS endpoint. */
  caBundle?: string;
}

/**
 * Adds a profile for gateway user 0 through "Add profile", as a user would: for the tests about adding and
 * editing profiles. Tests about what comes after use `saveGatewayProfile`.
 */
export async function addGatewayProfile(page: Page, gateway: GatewayInfo, options: GatewayProfileOptions = {}): Promise<void> {
  await page.getByRole('button', { name: 'Add profile', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add profile' });
  const name = options.name ?? 'Local Ceph';
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await dialog.getByRole('textbox', { name: 'Endpoint URL' }).fill(options.endpoint ?? gateway.endpoint);
  await dialog.getByRole('textbox', { name: 'Region' }).fill(gateway.region);
  await dialog.getByRole('textbox', { name: 'Access key ID' }).fill(gateway.users[0].accessKeyId);
  await dialog.getByLabel('Secret access key').fill(gateway.users[0].secretAccessKey);
  if (options.aclSupport || options.publicUrlBase) await dialog.getByRole('button', { name: 'Compatibility settings' }).click();
  if (options.aclSupport) await dialog.getByRole('combobox', { name: 'ACL support' }).selectOption(options.aclSupport);
  if (options.publicUrlBase) {
    await dialog.getByRole('button', { name: 'Add bucket settings' }).click();
    const settings = dialog.getByRole('group', { name: 'Bucket settings 1' });
    await settings.getByRole('textbox', { name: 'Bucket', exact: true }).fill(options.publicUrlBase.bucket);
    await settings.getByRole('textbox', { name: 'Public URL base' }).fill(options.publicUrlBase.url);
  }
  await dialog.getByRole('button', { name: 'Save profile', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
}

/**
 * Saves a profile for gateway user 0 in the app's data folder, as `pail profile add` in a terminal would
 * (the open app shows it at once), and picks it in the sidebar, which lists its buckets. A quarter of the
 * time of filling in "Add profile" for the many tests that only need a profile.
 */
export async function saveGatewayProfile(app: PailApp, gateway: GatewayInfo, options: GatewayProfileOptions = {}): Promise<void> {
  const name = options.name ?? 'Local Ceph';
  const profiles = new ProfileService(app.dataDir, await openSecretStores(app.dataDir, { PAIL_SECRET_STORE: 'file' }));
  await profiles.create({
    name,
    endpoint: options.endpoint ?? gateway.endpoint,
    region: gateway.region,
    accessKeyId: gateway.users[0].accessKeyId,
    secretAccessKey: gateway.users[0].secretAccessKey,
    ...(options.aclSupport && { aclSupport: options.aclSupport }),
    ...(options.caBundle && { caBundle: options.caBundle }),
    ...(options.publicUrlBase && { publicUrlBases: { [options.publicUrlBase.bucket]: options.publicUrlBase.url } }),
  });
  await app.page.getByRole('button', { name, exact: true }).click();
  await expect(app.page.getByRole('region', { name: 'Buckets' })).toBeVisible();
}

/** Saves a profile for the gateway (see `saveGatewayProfile`) and opens a bucket, as a user would. */
export async function openBucket(app: PailApp, gateway: GatewayInfo, bucket: string, options: GatewayProfileOptions = {}): Promise<void> {
  await saveGatewayProfile(app, gateway, options);
  const page = app.page;
  await page.getByRole('region', { name: 'Buckets' }).getByRole('button', { name: bucket, exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Address' })).toHaveValue(`${bucket}/`);
}

/** Opens a profile's actions menu and picks an item ("Edit", "Duplicate"…). */
export async function profileAction(page: Page, profile: string, item: string): Promise<void> {
  await page.getByRole('button', { name: `Actions for ${profile}`, exact: true }).click();
  await page
    .getByRole('menu', { name: `Actions for ${profile}` })
    .getByRole('menuitem', { name: item, exact: true })
    .click();
}
