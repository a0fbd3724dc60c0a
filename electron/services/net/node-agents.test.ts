import { readFile } from 'node:fs/promises';
import type { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { describe, expect, it, vi } from 'vitest';
import { buildS3Client } from '../s3-client-factory';
import { gateway } from '../../test-support/gateway';
import { networkPolicyOf } from './network-policy';
import { newNodeAgent, sharedNodeAgent } from './node-agents';

/** The key an agent files a request's socket under (what Node computes on every request). */
const socketKey = (agent: Agent) =>
  (agent as Agent & { getName(o: object): string; options: object }).getName({ ...(agent as Agent & { options: object }).options, host: 'h', port: 443 });

describe("agents under a profile's network policy", () => {
  it('key their sockets without the trusted certificates, so a CA bundle costs nothing per request', async () => {
    const policy = networkPolicyOf({ caBundle: await readFile(gateway().caBundle, 'utf8') });
    // Before: the default roots and the bundle went in as `ca`, and Node joined ~200 KB of PEM into this key per request.
    expect(socketKey(newNodeAgent('https:', policy, { maxSockets: 8 })).length).toBeLessThan(1_000);
    expect(socketKey(sharedNodeAgent('https:', policy)).length).toBeLessThan(1_000);
  });

  it('reach the HTTPS gateway with the bundle and keep one connection for sequential requests', async () => {
    const info = gateway();
    const caBundle = await readFile(info.caBundle, 'utf8');
    const client = buildS3Client({
      provider: 'ceph',
      endpoint: info.httpsEndpoint,
      region: info.region,
      accessKeyId: info.users[0].accessKeyId,
      secretAccessKey: info.users[0].secretAccessKey,
      checksumMode: 'WHEN_REQUIRED',
      deleteObjectsMd5: false,
      pathStyle: true,
      caBundle,
    });
    const connections = vi.spyOn(HttpsAgent.prototype, 'createConnection');
    try {
      const answers = [];
      for (let i = 0; i < 5; i++)
        answers.push(await client.send(new HeadBucketCommand({ Bucket: 'pail-agents-missing' })).catch((e: { name?: string }) => e.name));
      expect(answers).toEqual(Array(5).fill('NotFound'));
      expect(connections).toHaveBeenCalledTimes(1);
    } finally {
      connections.mockRestore();
      client.destroy();
    }
  });
});
