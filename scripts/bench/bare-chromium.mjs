// A Chromium page driven over a plain DevTools WebSocket, with only the domains the benchmark needs
// (Runtime, Fetch, Input), for measuring a renderer's memory as a user's window has it.
//
// Why not Playwright here: Playwright enables the DevTools Network domain on every page it drives,
// and Chromium's network agent then keeps a copy of every fetch response's body for the inspector,
// up to 200 MB a page (checked here: 300 fetches of 220 KB that the page drops leave 71 MB in Blink's
// buffer partition, 1,500 leave 211 MB). A folder of a million keys is 1,000 listing responses of
// about 230 KB, so a Playwright-driven window carries about 235 MB that Pail's window does not
// (Electron's IPC is no fetch at all, and no DevTools is attached). The Fetch domain used here to make
// up listing pages runs in the browser process and keeps nothing in the renderer.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'undici';

/** Starts Chromium (headless, the flags the e2e suite uses) and connects to its browser target. */
export async function launchBareChromium({ executablePath, args }) {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pail-bench-chromium-'));
  const child = spawn(executablePath, ['--headless', '--remote-debugging-port=0', `--user-data-dir=${profileDir}`, ...args, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const endpoint = await new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Chromium printed no DevTools address in 30 s:\n${output}`)), 30_000);
    child.stderr.on('data', (chunk) => {
      output += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}):\n${output}`));
    });
  });
  const socket = new WebSocket(endpoint);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', () => reject(new Error(`could not connect to ${endpoint}`)), { once: true });
  });
  let nextId = 1;
  const pending = new Map();
  const listeners = new Set();
  socket.addEventListener('message', (message) => {
    const data = JSON.parse(typeof message.data === 'string' ? message.data : Buffer.from(message.data).toString('utf8'));
    if (data.id !== undefined) {
      const call = pending.get(data.id);
      pending.delete(data.id);
      if (data.error) call?.reject(new Error(`${call.method}: ${data.error.message}`));
      else call?.resolve(data.result);
    } else {
      for (const listener of listeners) listener(data);
    }
  });
  /** Sends one command, to the browser or to an attached page's session. */
  const send = (method, params = {}, sessionId = undefined) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject, method });
      socket.send(JSON.stringify({ id, method, params, ...(sessionId && { sessionId }) }));
    });
  const close = async () => {
    socket.close();
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    // Chromium's helpers may still be writing the cache as it exits: tried for a few seconds, then left in /tmp
    // (a leftover profile folder must not fail a measurement that is already done).
    for (let attempt = 1; ; attempt += 1) {
      try {
        fs.rmSync(profileDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
        break;
      } catch (error) {
        if (attempt >= 5) {
          process.stderr.write(`[bench] could not remove ${profileDir}: ${error.message}\n`);
          break;
        }
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  };
  /** Resolves with the params of the next browser-level event `method`. */
  const once = (method) =>
    new Promise((resolve) => {
      const listener = (event) => {
        if (event.method !== method || event.sessionId) return;
        listeners.delete(listener);
        resolve(event.params);
      };
      listeners.add(listener);
    });
  return { send, on: (listener) => listeners.add(listener), once, detach: async () => {}, close };
}

/**
 * Opens a page in `browser` (from `launchBareChromium`) and returns its session's helpers.
 * `answer(request)` is asked about each request whose URL contains `intercept`; it returns
 * `{ body }` to answer it with that JSON text, or undefined to let it through.
 */
export async function openBarePage(browser, { intercept, answer }) {
  const { targetId } = await browser.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: true });
  const send = (method, params) => browser.send(method, params, sessionId);
  browser.on((event) => {
    if (event.sessionId !== sessionId || event.method !== 'Fetch.requestPaused') return;
    const { requestId, request } = event.params;
    let reply;
    try {
      reply = answer(request.postData ? JSON.parse(request.postData) : undefined, request);
    } catch {
      reply = undefined;
    }
    const done = reply
      ? send('Fetch.fulfillRequest', {
          requestId,
          responseCode: 200,
          responseHeaders: [{ name: 'Content-Type', value: 'application/json' }],
          body: Buffer.from(reply.body).toString('base64'),
        })
      : send('Fetch.continueRequest', { requestId });
    done.catch(() => {});
  });
  await send('Fetch.enable', { patterns: [{ urlPattern: `*${intercept}*`, requestStage: 'Request' }] });
  /** Evaluates an expression in the page (awaiting a promise), returning its value. */
  const evaluate = async (expression) => {
    const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  };
  /** Waits (polling in the page) until `expression` is truthy; answers its value. */
  const waitFor = async (expression, timeoutMs = 60_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await evaluate(expression);
      if (value) return value;
      if (Date.now() > until) throw new Error(`not true after ${timeoutMs} ms: ${expression}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  /** A real mouse click (or double-click) at the centre of the element `selector` picks. */
  const click = async (selectorExpression, clickCount = 1) => {
    const box = await waitFor(
      `(() => { const el = ${selectorExpression}; if (!el) return null; const r = el.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`,
    );
    for (let n = 1; n <= clickCount; n += 1) {
      await send('Input.dispatchMouseEvent', { type: 'mousePressed', x: box.x, y: box.y, button: 'left', clickCount: n });
      await send('Input.dispatchMouseEvent', { type: 'mouseReleased', x: box.x, y: box.y, button: 'left', clickCount: n });
    }
  };
  await send('Page.enable');
  await send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 800, deviceScaleFactor: 1, mobile: false });
  return { send, evaluate, waitFor, click, navigate: (url) => send('Page.navigate', { url }) };
}
