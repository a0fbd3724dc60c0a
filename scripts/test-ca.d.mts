/** `openssl` arguments that make a self-signed CA certificate named `cn` (scripts/test-ca.mjs). */
export function testCaArgs(cn: string, keyOut: string, certOut: string): string[];
