import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Page } from '@playwright/test';
import { expect, gatewayClient, seedBucket, test } from './fixtures';
import { openBucket } from './profile-steps';

/** Another web site: a page on its own origin (a port of its own), as a web app that uploads would be. */
async function otherSite(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>Another site</title><p>Another site</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** What a PUT of `body` to the presigned URL does from that page: the status, or the browser's refusal. */
const putFromPage = (page: Page, url: string, body: string) =>
  page.evaluate(
    async ([target, text]) => {
      try {
        return String((await fetch(target, { method: 'PUT', body: text })).status);
      } catch (error) {
        return `refused: ${(error as Error).name}`;
      }
    },
    [url, body] as const,
  );

test('a CORS preset lets a page on another site upload with a presigned PUT, which the browser refused before; the rule reads as a sentence and is removed', async ({
  app,
  page,
  gateway,
}, testInfo) => {
  const bucket = `pail-e2e-cors-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['index.html']);
  const site = await otherSite();
  try {
    const client = gatewayClient(gateway);
    const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: bucket, Key: 'from-browser.txt' }), { expiresIn: 600 });
    const otherPage = await page.context().newPage();
    await otherPage.goto(site.origin);
    expect(await putFromPage(otherPage, url, 'before')).toBe('refused: TypeError');

    await openBucket(app, gateway, bucket, { name: 'Gateway' });
    const section = page.getByRole('region', { name: 'Inspector' }).getByRole('region', { name: 'CORS' });
    // Folded until opened: opening a bucket asks nothing about CORS.
    await section.getByRole('button', { name: 'CORS', exact: true }).click();
    await expect(section).toContainText('No CORS rules: web pages on other sites may not call this bucket from a browser');
    await section.getByRole('button', { name: 'Add rule…' }).click();

    const editor = page.getByRole('dialog', { name: 'Add a CORS rule' });
    await editor.getByRole('group', { name: 'Start from a preset' }).getByRole('button', { name: 'Browser uploads from a site (presigned PUT)' }).click();
    // Nothing saved without an origin: the field says why.
    await editor.getByRole('button', { name: 'Save rule' }).click();
    await expect(editor.getByRole('textbox', { name: 'Origins' })).toHaveAccessibleDescription(/Name at least one origin/);
    await editor.getByRole('textbox', { name: 'Origins' }).fill(site.origin);
    const sentence = `Web pages on ${site.origin} may send GET, PUT, POST and HEAD requests with any headers, and read the ETag header. Browsers may remember this for 50 minutes.`;
    await expect(editor.getByRole('status')).toHaveText(`Adds: ${sentence}`);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await editor.screenshot({ path: testInfo.outputPath(`cors-editor-${scheme}.png`) });
    }
    await editor.getByRole('button', { name: 'Save rule' }).click();
    await expect(editor).toBeHidden();
    const rules = section.getByRole('list', { name: `CORS rules of ${bucket}` });
    await expect(rules.getByRole('listitem')).toHaveCount(1);
    await expect(rules.getByRole('listitem').first()).toContainText(sentence);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await section.screenshot({ path: testInfo.outputPath(`cors-section-${scheme}.png`) });
    }

    // The page on the other site now uploads, and the object holds what it sent.
    expect(await putFromPage(otherPage, url, 'sent from another site')).toBe('200');
    const stored = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'from-browser.txt' }));
    expect(await stored.Body!.transformToString()).toBe('sent from another site');

    // Removing the rule says what goes, then the browser refuses again.
    await section.getByRole('button', { name: 'Remove rule 1' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Remove CORS rule 1?' });
    await expect(ask).toContainText(`It says: ${sentence}`);
    await expect(ask).toContainText(`It is the only rule: afterwards web pages on other sites may not call ${bucket} from a browser.`);
    await ask.getByRole('button', { name: 'Remove rule' }).click();
    await expect(section).toContainText('No CORS rules');
    expect(await putFromPage(otherPage, url, 'after')).toBe('refused: TypeError');
    await otherPage.close();
  } finally {
    site.server.close();
    await cleanup();
  }
});
