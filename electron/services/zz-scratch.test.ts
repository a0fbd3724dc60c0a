import { createServer as createTcpServer } from 'node:net';
import { it } from 'vitest';
import { ConnectionTester } from './connection-tester';
it('scratch', async () => {
  const sockets: import('node:net').Socket[] = [];
  const silent = createTcpServer((s) => { sockets.push(s); });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
  const none = () => Promise.reject(new Error('x'));
  const t0 = Date.now();
  const report = await new ConnectionTester({ profiles: { find: none, withSecret: none }, timeouts: { stepMs: 1000, totalMs: 2500 } }).test({ settings: { provider: 'ceph', endpoint, region: 'default', accessKeyId: 'a', addressingStyle: 'path', checksumMode: 'WHEN_REQUIRED', deleteObjectsMd5: false }, secretAccessKey: 's', writeBucket: 'abc' });
  console.log(Date.now() - t0, JSON.stringify(report, null, 1));
  sockets.forEach((s) => s.destroy());
  await new Promise((resolve) => silent.close(resolve));
  console.log('closed', Date.now() - t0);
}, 20000);
