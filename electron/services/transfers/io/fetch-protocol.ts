/**
 * What the main thread and the fetch thread (fetch-thread.ts) say to each
 * other: types only, so both sides import them and neither pulls in the
 * other's code.
 */
import type { NetworkPolicy } from '../../net/network-policy';

/** A request signed for the direct path: where it goes and the headers to send. */
export interface SignedTarget {
  protocol: string;
  hostname: string;
  port?: number;
  /** Path and query string, as signed. */
  path: string;
  headers: Record<string, string>;
  /** How the profile's connections are made (whom they trust); Node's defaults when absent. */
  network?: NetworkPolicy;
}

/** The headers of an answer that matter here (lower-case names). */
export type AnswerHeaders = Record<string, string | string[] | undefined>;

/** One signed GET whose body goes into the open file `fd` from `position`. */
export interface FetchJob {
  id: number;
  target: SignedTarget;
  fd: number;
  position: number;
  /** The bytes asked for: an answer with other bytes writes nothing. */
  range?: { start: number; end: number };
  /** The request fails when the server sends nothing for this long (no answer, or a body that stops). */
  silenceMs: number;
  /** Its first grant, when the main thread could give it at once (no speed limit); else the job asks for it. */
  first?: FetchGrant;
}

/** Stops the job with this id (its bytes so far stay written). */
export interface FetchAbort {
  abort: number;
}

/**
 * Lets job `grant` read `bytes` more (the speed limits have allowed them on
 * the main thread); it asks again below `low` and writes in steps of `step`.
 * A job reads nothing it was not granted beyond one read's worth: a limit set
 * while it runs applies within one grant.
 */
export interface FetchGrant {
  grant: number;
  bytes: number;
  low: number;
  step: number;
}

/** What the thread posts back: bytes written so far (`progress`), a job's ask for more bytes (`want`), or the end of a job. */
export interface FetchThreadMessage {
  id: number;
  want?: true;
  progress?: number;
  written?: number;
  status?: number;
  headers?: AnswerHeaders;
  body?: string;
  rangeMismatch?: boolean;
  error?: { message: string; name?: string; code?: string; syscall?: string; path?: string; hint?: string };
}
