import { readFile } from 'node:fs/promises';
import type { Agent } from 'node:http';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { gateway } from '../../test-support/gateway';
import { networkPolicyOf } from './network-policy';
import { newNodeAgent, sdkAgents, sharedNodeAgent } from './node-agents';

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
    const { httpsAgent } = sdkAgents(networkPolicyOf({ caBundle: await readFile(info.caBundle, 'utf8') }));
    let connections = 0;
    const open = httpsAgent!.createConnection.bind(httpsAgent);
    httpsAgent!.createConnection = ((...args: Parameters<Agent['createConnection']>) => (connections++, open(...args))) as Agent['createConnection'];
    const client = new S3Client({
      endpoint: info.httpsEndpoint,
      region: info.region,
      forcePathStyle: true,
      credentials: { accessKeyId: info.users[0].accessKeyId, secretAccessKey: info.users[0].secretAccessKey },
      requestHandler: { httpsAgent },
    });
    try {
      const answers = [];
      for (let i = 0; i < 5; i++)
        answers.push(await client.send(new HeadBucketCommand({ Bucket: 'pail-agents-missing' })).catch((e: { name?: string }) => e.name));
      expect(answers).toEqual(Array(5).fill('NotFound'));
      expect(connections).toBe(1);
    } finally {
      client.destroy();
    }
  });
});
