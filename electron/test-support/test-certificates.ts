import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { testCaArgs } from '../../scripts/test-ca.mjs';

/**
 * Certificates and TLS servers for tests, made with openssl (a CI dependency):
 * a test CA, certificates it signs (for any names, valid or expired), and
 * self-signed ones, served by a small Node TLS server on 127.0.0.1.
 */

/** A certificate and its key, as PEM text. */
export interface TestCertificate {
  cert: string;
  key: string;
}

/** What a test certificate is: its names, and who signs it (itself when no CA is given). */
export interface CertificateSpec {
  cn: string;
  /** subjectAltName entries, e.g. ["IP:127.0.0.1", "DNS:localhost"]. */
  sans: string[];
  /** The CA that signs it; self-signed without one. */
  ca?: TestCertificate;
  /** Valid from 2020-01-01 to 2020-02-01: long expired. */
  expired?: boolean;
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: 'pipe' });

/** A CA certificate (CN `cn`) that can sign test certificates. */
export function makeTestCa(cn = 'Pail other test CA'): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'pail-ca-'));
  try {
    openssl(testCaArgs(cn, 'key.pem', 'cert.pem'), dir);
    return { cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A server certificate as `spec` says (openssl ca, so the dates can lie in the past). */
export function makeCertificate(spec: CertificateSpec): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'pail-cert-'));
  try {
    openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${spec.cn}`, '-keyout', 'key.pem', '-out', 'req.csr'], dir);
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), `${Date.now().toString(16).padStart(16, '0')}\n`);
    writeFileSync(
      join(dir, 'ca.cnf'),
      `[ca]\ndefault_ca = x\n[x]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\ndefault_md = sha256\npolicy = p\nunique_subject = no\n` +
        `[p]\ncommonName = supplied\n[ext]\nsubjectAltName = ${spec.sans.join(',')}\nbasicConstraints = CA:FALSE\nextendedKeyUsage = serverAuth\n`,
    );
    const dates = spec.expired ? ['-startdate', '20200101000000Z', '-enddate', '20200201000000Z'] : ['-days', '30'];
    const signer = spec.ca
      ? (writeFileSync(join(dir, 'ca.pem'), spec.ca.cert), writeFileSync(join(dir, 'ca.key'), spec.ca.key), ['-cert', 'ca.pem', '-keyfile', 'ca.key'])
      : ['-selfsign', '-keyfile', 'key.pem'];
    openssl(['ca', '-batch', '-notext', '-config', 'ca.cnf', ...signer, '-in', 'req.csr', ...dates, '-extensions', 'ext', '-out', 'cert.pem'], dir);
    return { cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The SHA-256 fingerprint openssl prints for a certificate ("AB:CD:…"), to compare with Pail's. */
export function opensslFingerprint(cert: string): string {
  const out = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: cert }).toString();
  return out.trim().replace(/^.*=/, '');
}

/** A TLS server on 127.0.0.1 presenting one certificate; counts the bytes clients send after the handshake. */
export interface TestTlsServer {
  port: number;
  /** Application bytes received from clients so far (0: no request was sent). */
  received(): number;
  close(): Promise<void>;
}

/** Starts a TLS server with `certificate` (on `port`, or any free one) that answers every request with HTTP 200 and closes. */
export async function startTlsServer(certificate: TestCertificate, port = 0): Promise<TestTlsServer> {
  let received = 0;
  const sockets = new Set<TLSSocket>();
  const server: Server = createServer({ cert: certificate.cert, key: certificate.key }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok');
    });
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}
