// Small PUTs without the SDK's middleware stack: a hand-signed (SigV4) request on a keep-alive
// agent costs the benchmark's one Node process a fraction of the CPU of an SDK PutObject, and on
// a 2-core machine that CPU is shared with the gateway being seeded.
import crypto from 'node:crypto';
import http from 'node:http';

const hmac = (key, text) => crypto.createHmac('sha256', key).update(text).digest();
const sha256Hex = (data) => crypto.createHash('sha256').update(data).digest('hex');

/** RFC 3986 encoding of one path segment, as SigV4 wants it for S3. */
function encodeSegment(segment) {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A function `put(key, data = body)` that PUTs a small Buffer (`body` unless another is given)
 * at a key of `bucket`, path-style, and resolves when the gateway answered 200. Rejects on any
 * other status.
 */
export function createFastPut(gateway, bucket, body, { sockets = 96, timeoutMs = 30_000 } = {}) {
  const endpoint = new URL(gateway.endpoint);
  if (endpoint.protocol !== 'http:') throw new Error('fast PUTs speak plain HTTP only (the local gateway)');
  const { accessKeyId, secretAccessKey } = gateway.users[0];
  const region = gateway.region;
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const payloadHash = sha256Hex(body);
  const host = endpoint.host;
  let signingDay = '';
  let signingKey;

  const put = (key, data) =>
    new Promise((resolve, reject) => {
      const dataHash = data === body ? payloadHash : sha256Hex(data);
      const amzDate = new Date()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
      const day = amzDate.slice(0, 8);
      if (day !== signingDay) {
        signingDay = day;
        signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), 's3'), 'aws4_request');
      }
      const path = `/${encodeSegment(bucket)}/${key.split('/').map(encodeSegment).join('/')}`;
      const signedHeaders = 'content-length;content-type;host;x-amz-content-sha256;x-amz-date';
      const canonical = [
        'PUT',
        path,
        '',
        `content-length:${data.length}`,
        'content-type:text/plain',
        `host:${host}`,
        `x-amz-content-sha256:${dataHash}`,
        `x-amz-date:${amzDate}`,
        '',
        signedHeaders,
        dataHash,
      ].join('\n');
      const scope = `${day}/${region}/s3/aws4_request`;
      const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
      const signature = crypto.createHmac('sha256', signingKey).update(toSign).digest('hex');
      const req = http.request(
        {
          host: endpoint.hostname,
          port: endpoint.port,
          method: 'PUT',
          path,
          agent,
          timeout: timeoutMs,
          headers: {
            'Content-Length': data.length,
            'Content-Type': 'text/plain',
            'X-Amz-Content-Sha256': dataHash,
            'X-Amz-Date': amzDate,
            Authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode === 200) resolve();
            else reject(new Error(`PUT ${key}: HTTP ${res.statusCode} ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`));
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`PUT ${key}: no answer in ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(data);
    });

  /** PUTs one key, trying again (up to 5 times in all) after a network error, a timeout or a 5xx. */
  async function putWithRetry(key, data = body) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await put(key, data);
      } catch (error) {
        const status = Number(/HTTP (\d{3})/.exec(error.message)?.[1] ?? 0);
        if (attempt >= 5 || (status > 0 && status < 500)) throw error;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }
  putWithRetry.close = () => agent.destroy();
  return putWithRetry;
}
