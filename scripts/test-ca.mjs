// The openssl request for a private test CA, shared by the gateway script (its HTTPS endpoint's CA)
// and the tests' own certificates (electron/test-support/test-certificates.ts).

/**
 * `openssl` arguments that make a self-signed CA certificate named `cn`, valid 30 days, that can
 * sign server certificates; its key goes to `keyOut`, its PEM to `certOut`.
 */
export function testCaArgs(cn, keyOut, certOut) {
  return [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-days',
    '30',
    '-subj',
    `/CN=${cn}`,
    '-keyout',
    keyOut,
    '-out',
    certOut,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ];
}
