import * as http from 'node:http';
import * as https from 'node:https';
import { DEFAULT_NETWORK } from '../../net/network-policy';
import { sharedNodeAgent } from '../../net/node-agents';
import { ERROR_BODY_MAX, KEEP_HEADERS, prematureClose, rangeMatches, silence } from './fetch-answer';
import type { ThreadJob } from './fetch-job';
import type { AnswerHeaders } from './fetch-protocol';

/** Node's http path gathers this much before a write. */
const WRITE_SIZE = 1 << 20;

/** The fetch thread's keep-alive agent for a target: one per protocol and network policy. */
function agentFor(target: ThreadJob['target']): http.Agent {
  return sharedNodeAgent(target.protocol, target.network ?? DEFAULT_NETWORK);
}

/**
 * A GET through Node's http(s) module, on the fetch thread: the answers the
 * raw client (raw-http.ts) does not read (chunked, or framed by the
 * connection's close). The body is gathered to 1 MiB per write.
 */
export function nodeGet(job: ThreadJob): void {
  const { target } = job;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (!pendingBytes) return;
    const n = pendingBytes;
    const buffers = pending;
    pending = [];
    pendingBytes = 0;
    job.writeAll(buffers, n);
  };
  const fail = (error: unknown) => {
    try {
      flush();
    } catch (writeError) {
      error = writeError;
    }
    job.fail(error);
  };
  const lib = target.protocol === 'https:' ? https : http;
  const req = lib.request(
    { hostname: target.hostname, port: target.port, path: target.path, method: 'GET', headers: target.headers, agent: agentFor(target) },
    (res) => {
      const status = res.statusCode ?? 0;
      const headers: AnswerHeaders = {};
      for (const name of KEEP_HEADERS) if (res.headers[name] !== undefined) headers[name] = res.headers[name];
      if (status < 200 || status >= 300) {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size >= ERROR_BODY_MAX) return;
          chunks.push(c);
          size += c.length;
        });
        res.on('end', () => job.finish({ status, headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', fail);
        return;
      }
      if (!rangeMatches(job, headers['content-range'])) {
        job.finish({ status, headers, rangeMismatch: true });
        req.destroy();
        return;
      }
      job.hold = () => {
        req.setTimeout(0);
        res.pause();
      };
      job.unhold = () => {
        req.setTimeout(job.silenceMs);
        res.resume();
      };
      res.on('data', (c: Buffer) => {
        pending.push(c);
        pendingBytes += c.length;
        if (pendingBytes < Math.min(WRITE_SIZE, job.writeStep)) return;
        try {
          flush();
        } catch (error) {
          job.fail(error);
          req.destroy();
        }
      });
      res.on('end', () => {
        try {
          flush();
          job.finish({ status, headers });
        } catch (error) {
          job.fail(error);
        }
      });
      res.on('error', fail);
      res.on('close', () => {
        if (!res.complete) fail(prematureClose());
      });
    },
  );
  job.stop = (error) => req.destroy(error);
  req.setTimeout(job.silenceMs, () => req.destroy(silence(job.silenceMs)));
  req.on('error', fail);
  req.end();
}
