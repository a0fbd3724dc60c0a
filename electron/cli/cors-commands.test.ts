import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../app-services';
import { addGatewayProfile, createTestBucket, freshServices } from '../test-support/gateway';
import { runCliOn } from '../test-support/cli-io';

const cli = runCliOn;

describe('pail cors get, set and rm', () => {
  let services: AppServices;
  let dispose: () => Promise<void>;
  let bucket: { name: string; cleanup: () => Promise<void> };
  let target: string;
  let dir: string;

  beforeAll(async () => {
    ({ services, dispose } = await freshServices());
    await addGatewayProfile(services, 'ceph');
    bucket = await createTestBucket('cli-cors');
    target = `ceph:${bucket.name}`;
    dir = await mkdtemp(join(tmpdir(), 'pail-cors-'));
  });
  afterAll(async () => {
    await bucket?.cleanup();
    await dispose?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('sets a preset, shows it as a sentence, and its --json goes back into set --file unchanged', async () => {
    expect((await cli(services, ['cors', 'get', target])).out).toBe(
      `${bucket.name} has no CORS rules: web pages on other sites may not call it from a browser.\n`,
    );
    const set = await cli(services, ['cors', 'set', target, '--preset', 'browser-uploads', '--origin', 'https://app.example']);
    expect(set).toMatchObject({
      code: 0,
      out: `Saved. ${bucket.name} has 1 CORS rule:\n  1. Web pages on https://app.example may send GET, PUT, POST and HEAD requests with any headers, and read the ETag header. Browsers may remember this for 50 minutes.\n`,
    });
    const json = (await cli(services, ['cors', 'get', target, '--json'])).out;
    await cli(services, ['cors', 'set', target, '--preset', 'read-anywhere', '--add']);
    expect(JSON.parse((await cli(services, ['cors', 'get', target, '--json'])).out).rules).toHaveLength(2);
    const file = join(dir, 'rules.json');
    await writeFile(file, json);
    expect((await cli(services, ['cors', 'set', target, '--file', file])).code).toBe(0);
    expect((await cli(services, ['cors', 'get', target, '--json'])).out).toBe(json);
    // And from stdin.
    expect((await cli(services, ['cors', 'set', target, '--file', '-'], json)).code).toBe(0);
  });

  it('previews with --dry-run and changes nothing', async () => {
    const before = (await cli(services, ['cors', 'get', target, '--json'])).out;
    const dry = await cli(services, ['cors', 'set', target, '--preset', 'read-anywhere', '--dry-run']);
    expect(dry.out).toMatch(
      /^Would save: .* has 1 CORS rule:\n {2}1\. Web pages on any site may send GET and HEAD requests.*\nNothing was changed \(--dry-run\)\.\n$/s,
    );
    expect((await cli(services, ['cors', 'get', target, '--json'])).out).toBe(before);
  });

  it('explains bad rules before sending anything', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ rules: [{ allowedOrigins: ['app.example'], allowedMethods: ['GET'] }] }));
    const bad = await cli(services, ['cors', 'set', target, '--file', file]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/The rules are not valid \(rule 1, allowedOrigins\): "app\.example" is not an origin/);
    await writeFile(file, '{ nope');
    expect((await cli(services, ['cors', 'set', target, '--file', file])).err).toMatch(/bad\.json is not JSON/);
    expect((await cli(services, ['cors', 'set', target, '--preset', 'browser-uploads'])).err).toMatch(/needs --origin/);
    expect((await cli(services, ['cors', 'set', target, '--preset', 'browser-uploads', '--origin', 'app.example'])).err).toMatch(
      /--origin: "app\.example" is not an origin/,
    );
    expect((await cli(services, ['cors', 'set', target, '--preset', 'everything'])).err).toMatch(/--preset is browser-uploads or read-anywhere/);
  });

  it('removes the rules', async () => {
    expect((await cli(services, ['cors', 'rm', target])).out).toBe(`Removed the CORS rules of ${bucket.name}.\n`);
    expect(JSON.parse((await cli(services, ['cors', 'get', target, '--json'])).out)).toEqual({ rules: [] });
  });
});
