import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../shared/csp';
import { APP_ENTRY_URL, privilegedSchemes, resolveAppFile, serveAppFile } from './app-protocol';

describe('app:// URLs map to the built renderer files, and nothing else', () => {
  const root = join(tmpdir(), 'out', 'renderer');
  const cases: [url: string, expected: string | number][] = [
    ['app://pail/', 'index.html'],
    [APP_ENTRY_URL, 'index.html'],
    ['app://pail/assets/index-C0QPPVIc.js', join('assets', 'index-C0QPPVIc.js')],
    ['app://pail/assets/a%20b.css', join('assets', 'a b.css')],
    ['app://pail/index.html?x=1#y', 'index.html'],
    // The URL parser drops plain `..` segments; encoded ones survive it and are refused here.
    ['app://pail/../../main/main.js', join('main', 'main.js')],
    ['app://pail/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd', 404],
    ['app://pail/%2E%2E%2F%2E%2E%2Fmain%2Fmain.js', 404],
    ['app://pail/..%5C..%5Cmain%5Cmain.js', process.platform === 'win32' ? 404 : '..\\..\\main\\main.js'],
    ['app://pail/%2Fmain%2Fmain.js', join('main', 'main.js')],
    ['app://pail/etc/passwd', 404],
    ['app://pail/bad%E0%A4%A', 400],
    ['app://pail/index.html%00.js', 400],
    ['app://evil/index.html', 404],
    ['app://pail.evil/index.html', 404],
    ['file:///etc/passwd', 404],
    ['app://pail/assets/noextension', 404],
    ['not a url', 400],
  ];
  it.each(cases)('%s → %s', (url, expected) => {
    const target = resolveAppFile(url, root);
    if (typeof expected === 'number') expect(target).toMatchObject({ status: expected });
    else expect(target).toMatchObject({ path: join(root, expected) });
  });

  it('serves scripts and styles with the types a module script needs', () => {
    expect(resolveAppFile('app://pail/assets/x.js', root)).toMatchObject({ type: 'text/javascript; charset=utf-8' });
    expect(resolveAppFile('app://pail/assets/x.css', root)).toMatchObject({ type: 'text/css; charset=utf-8' });
    expect(resolveAppFile('app://pail/', root)).toMatchObject({ type: 'text/html; charset=utf-8' });
  });
});

describe('serving app:// requests from a real folder', () => {
  let base: string;
  let root: string;
  const files = () => ({ root, csp: RENDERER_CSP });
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'pail-app-protocol-'));
    root = join(base, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Pail</title>');
    await writeFile(join(root, 'assets', 'index.js'), 'export {}');
    // A file beside the renderer folder that a traversal would reach.
    await writeFile(join(base, 'secret.json'), '{"secret":1}');
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('answers the page with its CSP, its type, nosniff and its length', async () => {
    const response = await serveAppFile(new Request('app://pail/'), files());
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html><title>Pail</title>');
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': RENDERER_CSP,
      'x-content-type-options': 'nosniff',
      'content-length': '34',
    });
  });

  it('answers HEAD without a body, and refuses other methods', async () => {
    const head = await serveAppFile(new Request('app://pail/assets/index.js', { method: 'HEAD' }), files());
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(head.body).toBeNull();
    const post = await serveAppFile(new Request('app://pail/index.html', { method: 'POST', body: 'x' }), files());
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('never serves a file outside the folder, and says 404 for missing files and folders', async () => {
    for (const url of ['app://pail/%2e%2e/secret.json', 'app://pail/..%2fsecret.json', 'app://pail/assets/%2e%2e%2f%2e%2e%2fsecret.json']) {
      const response = await serveAppFile(new Request(url), files());
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('secret');
    }
    expect((await serveAppFile(new Request('app://pail/missing.js'), files())).status).toBe(404);
    expect((await serveAppFile(new Request('app://pail/assets.json'), files())).status).toBe(404);
  });

  it('says 500 (not a crash) when the file cannot be read', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const response = await serveAppFile(new Request('app://pail/'), { ...files(), read: () => Promise.reject(denied) });
    expect(response.status).toBe(500);
  });
});

describe('privileged schemes', () => {
  it('registers both schemes in one list, secure and standard, neither readable from other origins', () => {
    const schemes = privilegedSchemes('pail-object');
    expect(schemes.map((s) => s.scheme)).toEqual(['app', 'pail-object']);
    for (const { privileges } of schemes) {
      expect(privileges).toMatchObject({ standard: true, secure: true });
      expect(privileges).not.toHaveProperty('corsEnabled');
      expect(privileges).not.toHaveProperty('bypassCSP');
      expect(privileges).not.toHaveProperty('allowServiceWorkers');
    }
    expect(schemes[1].privileges).toMatchObject({ stream: true });
  });
});
