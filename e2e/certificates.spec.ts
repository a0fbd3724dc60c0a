import type { Locator, Page } from '@playwright/test';
import { expect, test, type GatewayInfo } from './fixtures';

/** The gateway's HTTPS endpoint and the file of its private test CA (gateway.json has both). */
type HttpsGateway = GatewayInfo & { httpsEndpoint: string; caBundle: string };

/** Opens "Add profile" and fills it for gateway user 0 at the HTTPS endpoint, without saving. */
async function startHttpsProfile(page: Page, gateway: HttpsGateway, name: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Add profile', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Add profile' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await dialog.getByRole('textbox', { name: 'Endpoint URL' }).fill(gateway.httpsEndpoint);
  await dialog.getByRole('textbox', { name: 'Region' }).fill(gateway.region);
  await dialog.getByRole('textbox', { name: 'Access key ID' }).fill(gateway.users[0].accessKeyId);
  await dialog.getByLabel('Secret access key').fill(gateway.users[0].secretAccessKey);
  await dialog.getByRole('button', { name: 'Compatibility settings' }).click();
  await dialog.getByRole('radio', { name: 'Path', exact: true }).check();
  return dialog;
}

const report = (dialog: Locator) => dialog.getByRole('region', { name: 'Connection test' });
const tlsStep = (dialog: Locator) => report(dialog).getByRole('listitem').filter({ hasText: 'Secure connection (TLS)' });

test('an untrusted certificate is explained in the connection test, and "Trust this certificate" makes it pass and shows in the profile', async ({
  page,
  gateway,
}) => {
  const https = gateway as HttpsGateway;
  const dialog = await startHttpsProfile(page, https, 'Private CA');
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(tlsStep(dialog)).toContainText('is issued by "Pail test CA", an authority this computer does not trust');
  const certificate = tlsStep(dialog).getByLabel("The server's certificate");
  await expect(certificate).toContainText('CN=127.0.0.1');
  await expect(certificate).toContainText('CN=Pail test CA');
  await expect(certificate).toContainText(/SHA-256\s*([0-9A-F]{2}:){31}[0-9A-F]{2}/);

  await tlsStep(dialog).getByRole('button', { name: 'Trust this certificate for this profile' }).click();
  const confirm = dialog.getByRole('group', { name: /Trust this certificate for this profile\?/ });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Trust certificate' }).click();
  await expect(report(dialog)).toContainText(/Connected/);
  await expect(tlsStep(dialog)).toContainText('trusted by its pin for this profile');

  const pins = dialog.getByRole('list', { name: 'Trusted certificates' });
  await expect(pins.getByRole('listitem')).toHaveCount(1);
  await expect(pins).toContainText('CN=127.0.0.1');
  await dialog.getByRole('button', { name: 'Save profile', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Buckets' })).toBeVisible();

  // The pin is the profile's: editing shows it, with Remove.
  await page.getByRole('button', { name: 'Actions for Private CA' }).click();
  await page.getByRole('menuitem', { name: 'Edit', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Edit profile' });
  await expect(edit.getByRole('list', { name: 'Trusted certificates' })).toContainText('CN=127.0.0.1');
  await edit.getByRole('button', { name: 'Remove trusted certificate CN=127.0.0.1' }).click();
  await expect(edit.getByRole('list', { name: 'Trusted certificates' })).toBeHidden();
});

test('the CA bundle chosen from a file makes the test pass and stays with the profile; pasted text that is not a certificate is explained', async ({
  page,
  gateway,
}) => {
  const https = gateway as HttpsGateway;
  const dialog = await startHttpsProfile(page, https, 'With bundle');
  await dialog.getByRole('button', { name: 'Certificates' }).click();
  await dialog.getByRole('button', { name: 'Paste PEM…' }).click();
  await dialog.getByRole('textbox', { name: 'PEM text' }).fill('not a certificate');
  await dialog.getByRole('button', { name: 'Use these certificates' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'The CA bundle holds no certificate' })).toBeVisible();

  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles(https.caBundle);
  const held = dialog.getByRole('list', { name: 'Certificates in the CA bundle' });
  await expect(held).toContainText('CN=Pail test CA');
  await expect(held).toContainText(/valid until \d{4}-\d\d-\d\d/);
  await expect(dialog.getByRole('alert').filter({ hasText: 'The CA bundle holds no certificate' })).toBeHidden();

  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(report(dialog)).toContainText(/Connected/);
  await dialog.getByRole('button', { name: 'Save profile', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Buckets' })).toBeVisible();

  await page.getByRole('button', { name: 'Actions for With bundle' }).click();
  await page.getByRole('menuitem', { name: 'Edit', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Edit profile' });
  await expect(edit.getByRole('list', { name: 'Certificates in the CA bundle' })).toContainText('CN=Pail test CA');
  await edit.getByRole('button', { name: 'Remove CA bundle' }).click();
  await edit.getByRole('button', { name: 'Test connection' }).click();
  await expect(tlsStep(edit)).toContainText('an authority this computer does not trust');

  // Saved without the bundle: listing the buckets fails, explained with the certificate's details.
  await edit.getByRole('button', { name: 'Save profile', exact: true }).click();
  await expect(edit).toBeHidden();
  const failure = page.getByRole('alert').filter({ hasText: 'an authority this computer does not trust' }).first();
  await expect(failure.getByLabel("The server's certificate")).toContainText(/SHA-256\s*([0-9A-F]{2}:){31}[0-9A-F]{2}/);
});

test('"Don\'t verify certificates" is red in the editor, the test and the profile list', async ({ page, gateway }) => {
  const https = gateway as HttpsGateway;
  const dialog = await startHttpsProfile(page, https, 'Lab');
  await dialog.getByRole('button', { name: 'Certificates' }).click();
  await dialog.getByRole('checkbox', { name: 'Don’t verify certificates (lab endpoints only)' }).check();
  await expect(dialog.getByText('Certificates of this endpoint are NOT verified')).toHaveCSS('color', /rgb\(\d+, \d+, \d+\)/);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(report(dialog).getByRole('note')).toContainText('Certificates are not verified for this profile');
  await expect(tlsStep(dialog)).toContainText('NOT VERIFIED');
  await dialog.getByRole('button', { name: 'Save profile', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Lab', exact: true })).toContainText('Certificates not verified');
  await expect(page.getByRole('region', { name: 'Buckets' })).toBeVisible();
});
