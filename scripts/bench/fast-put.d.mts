/** Gateway settings fast PUTs need (the test gateway's gateway.json). */
export interface FastPutGateway {
  endpoint: string;
  region: string;
  users: ReadonlyArray<{ accessKeyId: string; secretAccessKey: string }>;
}

/** PUTs a small body at a key of the bucket (retried on network errors and 5xx); `close` ends its sockets (scripts/bench/fast-put.mjs). */
export interface FastPut {
  (key: string, data?: Buffer): Promise<void>;
  close(): void;
}

export function createFastPut(gateway: FastPutGateway, bucket: string, body: Buffer, options?: { sockets?: number; timeoutMs?: number }): FastPut;
