import { randomBytes } from 'node:crypto';
import {
  CreateMultipartUploadCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  ListMultipartUploadsCommand,
  PutObjectTaggingCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { expect, gatewayClient, seedBucket, test, type GatewayInfo } from './fixtures';
import { openBucket } from './profile-steps';

const MiB = 1024 * 1024;

/** Starts a multipart upload on the gateway and sends parts of these sizes; answers its id. */
async function startUpload(gateway: GatewayInfo, bucket: string, key: string, partSizes: number[]): Promise<string> {
  const client = gatewayClient(gateway);
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  for (const [i, size] of partSizes.entries())
    await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: i + 1, Body: Buffer.alloc(size, 1), ContentLength: size }));
  return UploadId!;
}

/** The upload ids the server still holds for the bucket. */
async function serverUploads(gateway: GatewayInfo, bucket: string): Promise<string[]> {
  const listed = await gatewayClient(gateway).send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  return (listed.Uploads ?? []).map((upload) => upload.UploadId!);
}

test('the bucket inspector lists unfinished uploads with the space they hold; one, then all, are aborted after a preview', async ({
  app,
  page,
  gateway,
}, testInfo) => {
  const bucket = `pail-e2e-unfinished-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['done.txt']);
  try {
    const big = await startUpload(gateway, bucket, 'videos/holiday.mov', [MiB, MiB / 2]);
    const small = await startUpload(gateway, bucket, 'notes +%#?.txt', [MiB]);
    await openBucket(app, gateway, bucket, { name: 'Gateway' });

    // Nothing inspected: the inspector shows the bucket, and what its unfinished uploads hold.
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await expect(inspector.getByRole('heading', { name: bucket, exact: true })).toBeVisible();
    const section = inspector.getByRole('region', { name: 'Unfinished uploads' });
    await expect(section.getByRole('status').first()).toHaveText(
      '2 unfinished uploads hold 2.5 MiB in 3 parts. Their parts are billed like objects but show in no listing, until the uploads are completed or aborted.',
    );
    const list = section.getByRole('list', { name: `Unfinished uploads in ${bucket}` });
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(list.getByRole('listitem').filter({ hasText: 'videos/holiday.mov' })).toContainText(/Started (now|\d+ seconds? ago)\s*2 parts\s*1\.5 MiB/);
    await page.emulateMedia({ colorScheme: 'light' });
    await inspector.screenshot({ path: testInfo.outputPath('unfinished-uploads-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await inspector.screenshot({ path: testInfo.outputPath('unfinished-uploads-dark.png') });

    // Nothing chosen: nothing to abort.
    const abortChosen = section.getByRole('button', { name: /^Abort (chosen|1 upload)…$/ });
    await expect(abortChosen).toHaveAttribute('aria-disabled', 'true');
    await section.getByRole('checkbox', { name: /^Choose the upload of notes \+%#\?\.txt, started / }).check();
    await section.getByRole('button', { name: 'Abort 1 upload…', exact: true }).click();

    // The preview says what goes; Cancel changes nothing.
    const ask = page.getByRole('alertdialog', { name: 'Abort this unfinished upload?' });
    await expect(ask).toContainText(
      `1 unfinished upload holds 1 MiB in 1 part in ${bucket}. Aborting deletes those parts and frees the space; the upload can then neither be completed nor resumed.`,
    );
    await expect(ask.getByRole('listitem')).toHaveText(['notes +%#?.txt']);
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect(ask).toBeHidden();
    expect((await serverUploads(gateway, bucket)).sort()).toEqual([big, small].sort());

    await section.getByRole('button', { name: 'Abort 1 upload…', exact: true }).click();
    await ask.getByRole('button', { name: 'Abort upload', exact: true }).click();
    await expect(section.getByRole('status').last()).toHaveText('Aborted the unfinished upload of notes +%#?.txt.');
    await expect(list.getByRole('listitem')).toHaveCount(1);
    expect(await serverUploads(gateway, bucket)).toEqual([big]);

    await section.getByRole('button', { name: 'Abort all…', exact: true }).click();
    const askAll = page.getByRole('alertdialog', { name: 'Abort this unfinished upload?' });
    await expect(askAll).toContainText('1 unfinished upload holds 1.5 MiB in 2 parts');
    await askAll.getByRole('button', { name: 'Abort upload', exact: true }).click();
    await expect(section.getByRole('status').first()).toHaveText('No unfinished uploads.');
    expect(await serverUploads(gateway, bucket)).toEqual([]);
  } finally {
    await cleanup();
  }
});

test('lifecycle rules: unfinished uploads are set to be aborted automatically, a rule is added, edited with a before-and-after, and removed', async ({
  app,
  page,
  gateway,
}, testInfo) => {
  const bucket = `pail-e2e-lifecycle-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['logs/a.log']);
  const serverRules = async () => {
    const answer = await gatewayClient(gateway)
      .send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))
      .catch(() => ({ Rules: [] }));
    return (answer.Rules ?? []).map((rule) => ({
      id: rule.ID,
      abort: rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation,
      expire: rule.Expiration?.Days,
    }));
  };
  try {
    await startUpload(gateway, bucket, 'forgotten.bin', [1000]);
    await openBucket(app, gateway, bucket, { name: 'Gateway' });
    const inspector = page.getByRole('region', { name: 'Inspector' });
    const uploads = inspector.getByRole('region', { name: 'Unfinished uploads' });
    const lifecycle = inspector.getByRole('region', { name: 'Lifecycle' });
    await lifecycle.getByRole('button', { name: 'Lifecycle', exact: true }).click();
    await expect(lifecycle).toContainText('No lifecycle rules: objects, older versions and unfinished uploads stay until someone deletes them.');
    await expect(uploads).toContainText('No lifecycle rule aborts forgotten uploads in this bucket.');

    // The offer fills in a rule; the user makes it 3 days and sees what it does before saving.
    await uploads.getByRole('button', { name: 'Abort them automatically…' }).click();
    const editor = page.getByRole('dialog', { name: 'Add a lifecycle rule' });
    await expect(editor.getByRole('textbox', { name: 'Name' })).toHaveValue('abort-unfinished-uploads');
    await editor.getByRole('textbox', { name: 'Abort unfinished uploads after (days)' }).fill('3');
    await expect(editor.getByRole('status')).toHaveText('Adds: For everything in the bucket: unfinished uploads are aborted 3 days after they start.');
    await editor.getByRole('button', { name: 'Save rule' }).click();
    await expect(editor).toBeHidden();
    await expect(uploads).toContainText('Lifecycle rule abort-unfinished-uploads aborts unfinished uploads 3 days after they start.');
    expect(await serverRules()).toEqual([{ id: 'abort-unfinished-uploads', abort: 3, expire: undefined }]);

    // A rule that does nothing is not saved; one that expires logs is.
    await lifecycle.getByRole('button', { name: 'Add rule…' }).click();
    const add = page.getByRole('dialog', { name: 'Add a lifecycle rule' });
    await add.getByRole('textbox', { name: 'Name' }).fill('logs');
    await add.getByRole('textbox', { name: 'For keys starting with' }).fill('logs/');
    await add.getByRole('button', { name: 'Save rule' }).click();
    await expect(add.getByRole('alert')).toHaveText('Say what the rule does: fill in at least one of the days below.');
    await add.getByRole('textbox', { name: 'Expire objects after (days)' }).fill('30');
    await expect(add.getByRole('status')).toHaveText('Adds: For objects under logs/: they expire 30 days after they are written.');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await add.screenshot({ path: testInfo.outputPath(`lifecycle-editor-${scheme}.png`) });
    }
    await add.getByRole('button', { name: 'Save rule' }).click();
    const rules = lifecycle.getByRole('list', { name: `Lifecycle rules of ${bucket}` });
    await expect(rules.getByRole('listitem')).toHaveCount(2);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await inspector.screenshot({ path: testInfo.outputPath(`lifecycle-inspector-${scheme}.png`) });
    }

    await lifecycle.getByRole('button', { name: 'Edit rule logs' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit lifecycle rule logs' });
    await edit.getByRole('textbox', { name: 'Expire objects after (days)' }).fill('60');
    await expect(edit).toContainText('Now: For objects under logs/: they expire 30 days after they are written.');
    await expect(edit.getByRole('status')).toHaveText('After saving: For objects under logs/: they expire 60 days after they are written.');
    await edit.getByRole('button', { name: 'Save rule' }).click();
    await expect(rules.getByRole('listitem').filter({ hasText: 'logs' })).toContainText('they expire 60 days after they are written');
    expect((await serverRules()).find((rule) => rule.id === 'logs')).toEqual({ id: 'logs', abort: undefined, expire: 60 });

    await lifecycle.getByRole('button', { name: 'Remove rule logs' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Remove lifecycle rule logs?' });
    await expect(ask).toContainText('Nothing is deleted by removing it');
    await ask.getByRole('button', { name: 'Remove rule' }).click();
    await expect(rules.getByRole('listitem')).toHaveCount(1);
    expect(await serverRules()).toEqual([{ id: 'abort-unfinished-uploads', abort: 3, expire: undefined }]);
  } finally {
    await cleanup();
  }
});

test('a bucket policy from a template is checked as typed, said in words before and after saving, opens only its prefix to anyone, and is removed', async ({
  app,
  page,
  gateway,
}, testInfo) => {
  const bucket = `pail-e2e-policy-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['public/a.txt', 'secret.txt']);
  const anonymous = (key: string) => fetch(`${gateway.endpoint}/${bucket}/${key}`).then((answer) => answer.status);
  try {
    await openBucket(app, gateway, bucket, { name: 'Gateway' });
    const section = page.getByRole('region', { name: 'Inspector' }).getByRole('region', { name: 'Policy' });
    await expect(section.getByRole('button', { name: 'Policy', exact: true })).toHaveAttribute('aria-expanded', 'false');
    await section.getByRole('button', { name: 'Policy', exact: true }).click();
    await expect(section).toContainText('No bucket policy: access is decided by ACLs and each user’s own permissions.');
    await section.getByRole('button', { name: 'Add policy…' }).click();

    const editor = page.getByRole('dialog', { name: `Bucket policy: ${bucket}` });
    const text = editor.getByRole('textbox', { name: 'Policy (JSON)' });
    await editor.getByRole('button', { name: 'Save policy' }).click();
    await expect(text).toHaveAccessibleDescription('Write a policy, or start from one of the ready-made ones.');
    await text.fill('{ "Statement": [');
    await expect(text).toHaveAccessibleDescription(/^It is not JSON: /);
    const templates = editor.getByRole('group', { name: 'Start from a ready-made policy' });
    await templates.getByRole('textbox', { name: 'Public read under' }).fill('public/');
    await templates.getByRole('button', { name: 'Use public read under public/' }).click();
    await expect(editor).toContainText('Now: no policy.');
    await expect(editor.getByRole('status')).toHaveText('After saving: Anyone may read objects under public/.');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await editor.screenshot({ path: testInfo.outputPath(`policy-editor-${scheme}.png`) });
    }
    expect(await anonymous('public/a.txt')).toBe(403);
    await editor.getByRole('button', { name: 'Save policy' }).click();
    await expect(editor).toBeHidden();
    await expect(section.getByRole('list', { name: `Policy of ${bucket} in words` }).getByRole('listitem')).toHaveText([
      'Anyone may read objects under public/.',
    ]);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await section.screenshot({ path: testInfo.outputPath(`policy-section-${scheme}.png`) });
    }
    expect(await anonymous('public/a.txt')).toBe(200);
    expect(await anonymous('secret.txt')).toBe(403);

    await section.getByRole('button', { name: 'Remove policy…' }).click();
    const ask = page.getByRole('alertdialog', { name: 'Remove the bucket policy?' });
    await expect(ask).toContainText('It says: Anyone may read objects under public/.');
    await ask.getByRole('button', { name: 'Remove policy' }).click();
    await expect(section).toContainText('No bucket policy');
    expect(await anonymous('public/a.txt')).toBe(403);
  } finally {
    await cleanup();
  }
});

test('tags: an object’s tags are added, changed and removed in the inspector with what a save changes, and so are the bucket’s', async ({
  app,
  page,
  gateway,
}, testInfo) => {
  const bucket = `pail-e2e-tags-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['report +%.txt']);
  const client = gatewayClient(gateway);
  const objectTags = async () => (await client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'report +%.txt' }))).TagSet;
  try {
    await openBucket(app, gateway, bucket, { name: 'Gateway' });
    const inspector = page.getByRole('region', { name: 'Inspector' });
    // The bucket's own tags, while nothing is inspected.
    const bucketTags = inspector.getByRole('region', { name: 'Tags' });
    await bucketTags.getByRole('button', { name: 'Tags', exact: true }).click();
    await expect(bucketTags).toContainText('No tags.');
    await bucketTags.getByRole('button', { name: 'Edit tags' }).click();
    await bucketTags.getByRole('button', { name: 'Add tag' }).click();
    await bucketTags.getByRole('textbox', { name: 'Tag name' }).fill('cost-center');
    await bucketTags.getByRole('textbox', { name: 'Tag value' }).fill('42');
    await expect(bucketTags.getByRole('status')).toHaveText('Saving adds cost-center=42.');
    await bucketTags.getByRole('button', { name: 'Save tags' }).click();
    await expect(bucketTags.getByRole('list', { name: `Tags of ${bucket}` }).getByRole('listitem')).toHaveText(['cost-center=42']);
    expect((await client.send(new GetBucketTaggingCommand({ Bucket: bucket }))).TagSet).toEqual([{ Key: 'cost-center', Value: '42' }]);

    // An object's tags.
    await page.getByRole('table', { name: 'Objects' }).getByRole('row', { name: 'report +%.txt', exact: true }).click();
    const tags = inspector.getByRole('region', { name: 'Tags' });
    await tags.getByRole('button', { name: 'Tags', exact: true }).click();
    await expect(tags).toContainText('No tags.');
    await tags.getByRole('button', { name: 'Edit tags' }).click();
    await tags.getByRole('button', { name: 'Add tag' }).click();
    await tags.getByRole('textbox', { name: 'Tag name' }).fill('team#1');
    await tags.getByRole('textbox', { name: 'Tag value' }).fill('web');
    await tags.getByRole('button', { name: 'Save tags' }).click();
    await expect(tags.getByRole('textbox', { name: 'Tag name' })).toHaveAccessibleDescription(
      'Tag names and values hold letters, digits, spaces and + - = . _ : / @ only.',
    );
    await tags.getByRole('textbox', { name: 'Tag name' }).fill('team');
    await tags.getByRole('button', { name: 'Add tag' }).click();
    await tags.getByRole('group', { name: 'Tag row 2' }).getByRole('textbox', { name: 'Tag name' }).fill('tier');
    await tags.getByRole('group', { name: 'Tag tier' }).getByRole('textbox', { name: 'Tag value' }).fill('hot');
    await expect(tags.getByRole('status')).toHaveText('Saving adds team=web, tier=hot.');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await tags.screenshot({ path: testInfo.outputPath(`tags-editor-${scheme}.png`) });
    }
    await tags.getByRole('button', { name: 'Save tags' }).click();
    await expect(tags.getByRole('list', { name: 'Tags of report +%.txt' }).getByRole('listitem')).toHaveText(['team=web', 'tier=hot']);
    expect(await objectTags()).toEqual([
      { Key: 'team', Value: 'web' },
      { Key: 'tier', Value: 'hot' },
    ]);

    await tags.getByRole('button', { name: 'Edit tags' }).click();
    await tags.getByRole('button', { name: 'Remove tag team' }).click();
    await tags.getByRole('group', { name: 'Tag tier' }).getByRole('textbox', { name: 'Tag value' }).fill('cold');
    await expect(tags.getByRole('status')).toHaveText('Saving changes tier from "hot" to "cold"; removes team.');
    await tags.getByRole('button', { name: 'Save tags' }).click();
    await expect(tags.getByRole('list', { name: 'Tags of report +%.txt' }).getByRole('listitem')).toHaveText(['tier=cold']);
    expect(await objectTags()).toEqual([{ Key: 'tier', Value: 'cold' }]);
  } finally {
    await cleanup();
  }
});

test('search by tag: tag:NAME=VALUE in the search box, or a tag’s Find in the inspector, lists the objects below the folder that carry it', async ({
  app,
  page,
  gateway,
}, testInfo) => {
  const bucket = `pail-e2e-tagsearch-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['site/index.html', 'site/js/app +%.js', 'site/deploy.sh', 'site/readme.txt', 'other/web.html']);
  const client = gatewayClient(gateway);
  const tag = (key: string, tags: Record<string, string>) =>
    client.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: key, Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } }));
  await tag('site/index.html', { team: 'web', tier: 'hot' });
  await tag('site/js/app +%.js', { team: 'web' });
  await tag('site/deploy.sh', { team: 'ops', tier: 'hot' });
  await tag('other/web.html', { team: 'web' });
  const objects = page.getByRole('table', { name: 'Objects' });
  const shownRows = () =>
    objects
      .getByRole('rowgroup')
      .last()
      .getByRole('row')
      .evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
  const searchLine = page.getByRole('status').filter({ hasText: /match/ });
  try {
    await openBucket(app, gateway, bucket, { name: 'Gateway' });
    await objects.getByRole('row', { name: 'site', exact: true }).dblclick();
    await expect(objects.getByRole('row', { name: 'readme.txt', exact: true })).toBeVisible();

    // Typed in the search box: objects below site/ tagged team=web, not other/web.html, not a name match.
    const search = page.getByRole('searchbox', { name: 'Search below this folder' });
    await expect(search).toHaveAccessibleDescription(/To find objects by tag, type tag:NAME=VALUE, or tag:NAME for any value\./);
    await search.fill('tag:team=web');
    await search.press('Enter');
    await expect(searchLine).toHaveText('Found 2 matches in 4 objects.');
    expect((await shownRows()).sort()).toEqual(['app +%.js', 'index.html']);
    await expect(page.getByText(`Objects tagged team=web below ${bucket}/site/`)).toBeVisible();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: testInfo.outputPath(`tag-search-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // From an object's tag in the inspector: the same search for that tag, shown in the box.
    await objects.getByRole('row', { name: 'index.html', exact: true }).click();
    const tags = page.getByRole('region', { name: 'Inspector' }).getByRole('region', { name: 'Tags' });
    await tags.getByRole('button', { name: 'Tags', exact: true }).click();
    const findHot = tags.getByRole('button', { name: 'Find objects tagged tier=hot below the open folder' });
    await findHot.hover();
    await tags.screenshot({ path: testInfo.outputPath('tag-find-light.png') });
    await findHot.click();
    await expect(search).toHaveValue('tag:tier=hot');
    await expect(searchLine).toHaveText('Found 2 matches in 4 objects.');
    expect((await shownRows()).sort()).toEqual(['deploy.sh', 'index.html']);

    // A name and a tag together, and a tag with any value.
    await search.fill('app tag:team');
    await search.press('Enter');
    await expect(searchLine).toHaveText('Found 1 match in 4 objects.');
    expect(await shownRows()).toEqual(['app +%.js']);
    await page.getByRole('button', { name: 'Clear search', exact: true }).click();
    await expect(objects.getByRole('row', { name: 'readme.txt', exact: true })).toBeVisible();
  } finally {
    await cleanup();
  }
});

test('Calculate size counts a folder every level down, then the bucket, and the status bar says it for the open folder', async ({ app, page, gateway }) => {
  const bucket = `pail-e2e-size-${randomBytes(3).toString('hex')}`;
  const keys = [...Array.from({ length: 30 }, (_, i) => `photos/2026/${i}.jpg`), 'photos/a', 'notes.txt'];
  const cleanup = await seedBucket(gateway, bucket, keys);
  try {
    await openBucket(app, gateway, bucket, { name: 'Gateway' });
    const inspector = page.getByRole('region', { name: 'Inspector' });
    // A folder: its row selected.
    await page.getByRole('table', { name: 'Objects' }).getByRole('row', { name: 'photos', exact: true }).click();
    const size = inspector.getByRole('region', { name: 'Size' });
    await size.getByRole('button', { name: 'Calculate size' }).click();
    // "content of photos/2026/0.jpg" and the like: 31 objects under photos/.
    const bytes = keys.filter((key) => key.startsWith('photos/')).reduce((sum, key) => sum + `content of ${key}`.length, 0);
    await expect(size.getByRole('status')).toHaveText(new RegExp(`^31 objects, ${bytes} B, every level down \\(counted .+\\)\\.$`));
    await expect(size.getByRole('button', { name: 'Calculate again' })).toBeVisible();

    // The bucket: nothing selected; then the status bar of the open folder (the bucket's top) says it.
    await page
      .getByRole('table', { name: 'Objects' })
      .getByRole('row', { name: 'photos', exact: true })
      .click({ modifiers: ['ControlOrMeta'] });
    await expect(inspector.getByRole('heading', { name: bucket, exact: true })).toBeVisible();
    await expect(page.getByRole('status', { name: 'Folder size' })).toHaveText('');
    await inspector.getByRole('region', { name: 'Size' }).getByRole('button', { name: 'Calculate size' }).click();
    await expect(page.getByRole('status', { name: 'Folder size' })).toHaveText(/^In all: 32 objects, \d+ B$/);
  } finally {
    await cleanup();
  }
});

test('the grants editor gives another user read on an object, says so before saving, and the object reads as custom', async ({
  app,
  page,
  gateway,
}, testInfo) => {
  const bucket = `pail-e2e-grants-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['plan.txt']);
  const readsAsB = () =>
    gatewayClient(gateway, 1)
      .send(new GetObjectCommand({ Bucket: bucket, Key: 'plan.txt' }))
      .then(
        () => true,
        () => false,
      );
  try {
    await openBucket(app, gateway, bucket, { name: 'Gateway' });
    await page.getByRole('table', { name: 'Objects' }).getByRole('row', { name: 'plan.txt', exact: true }).click();
    const access = page.getByRole('region', { name: 'Inspector' }).getByRole('region', { name: 'Access' });
    await access.getByRole('button', { name: 'Edit grants…' }).click();
    const editor = page.getByRole('dialog', { name: 'Grants: plan.txt' });
    await expect(editor.getByRole('list', { name: 'Grants of plan.txt' }).getByRole('listitem')).toHaveCount(1);
    await editor.getByRole('combobox', { name: 'Grantee' }).selectOption({ label: 'A user by canonical ID' });
    await editor.getByRole('button', { name: 'Add grant' }).click();
    await expect(editor.getByRole('textbox', { name: 'Canonical ID' })).toHaveAccessibleDescription('Give the user’s canonical ID.');
    await editor.getByRole('textbox', { name: 'Canonical ID' }).fill(gateway.users[1].uid);
    await editor.getByRole('button', { name: 'Add grant' }).click();
    await expect(editor.getByRole('status')).toHaveText(`Saving gives ${gateway.users[1].uid} read.`);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await editor.screenshot({ path: testInfo.outputPath(`grants-editor-${scheme}.png`) });
    }
    expect(await readsAsB()).toBe(false);
    await editor.getByRole('button', { name: 'Save grants' }).click();
    await expect(editor).toBeHidden();
    await expect(access).toContainText('Custom: 2 grants');
    expect(await readsAsB()).toBe(true);
  } finally {
    await cleanup();
  }
});

test('where ACLs are off, Make public offers the policy way: a statement for the object, said in words, and then anyone can read it', async ({
  app,
  page,
  gateway,
}) => {
  const bucket = `pail-e2e-nacl-${randomBytes(3).toString('hex')}`;
  const cleanup = await seedBucket(gateway, bucket, ['docs/a b.txt', 'docs/secret.txt']);
  const anonymous = (key: string) => fetch(`${gateway.endpoint}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`).then((answer) => answer.status);
  try {
    await openBucket(app, gateway, bucket, { name: 'No ACLs', aclSupport: 'no' });
    await page.getByRole('table', { name: 'Objects' }).getByRole('row', { name: 'docs', exact: true }).dblclick();
    await page.getByRole('table', { name: 'Objects' }).getByRole('row', { name: 'a b.txt', exact: true }).click();
    const access = page.getByRole('region', { name: 'Inspector' }).getByRole('region', { name: 'Access' });
    await expect(access.getByRole('switch', { name: 'Public' })).toHaveAttribute('aria-disabled', 'true');
    await access.getByRole('button', { name: 'Make public with a bucket policy…' }).click();
    const editor = page.getByRole('dialog', { name: `Bucket policy: ${bucket}` });
    await expect(editor).toContainText('Now: no policy.');
    await expect(editor.getByRole('status')).toHaveText('After saving: Anyone may read objects on docs/a b.txt.');
    expect(await anonymous('docs/a b.txt')).toBe(403);
    await editor.getByRole('button', { name: 'Save policy' }).click();
    await expect(editor).toBeHidden();
    expect(await anonymous('docs/a b.txt')).toBe(200);
    expect(await anonymous('docs/secret.txt')).toBe(403);
  } finally {
    // The policy goes with the bucket.
    await cleanup();
  }
});
