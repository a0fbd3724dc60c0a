import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { afterWritten } from './short-writes';
import type { BodyPace } from './body-pace';

/**
 * Bytes gathered before one write. The network hands over ~64 KiB chunks;
 * writing each alone (what a default write stream does) costs a system call
 * and a thread-pool round trip per chunk, which made a 1 GiB download take
 * more than twice as long as receiving it.
 */
const WRITE_SIZE = 1024 * 1024;

/** What a body writer reports: bytes on disk, even when the body broke off. */
export interface WrittenError extends Error {
  written?: number;
}

/**
 * Streams a response body into an open file from `position`, in large
 * positional writes, one write in flight while the next is gathered (the
 * socket keeps being read during a write; it is paused only when a second
 * batch is ready before the first is down). Plain 'data' events, not an async
 * iterator: a promise per 64 KiB chunk cost ~15% of the receive speed.
 * On an error, what was received is still written, and the error carries
 * `written`, so a retry asks only for the rest (a Range from there). Under a
 * speed limit (`pace`) the body is paused after each chunk until the limit
 * lets it through.
 */
export function writeBodyAt(body: Readable, file: FileHandle, position: number, onBytes: (bytes: number) => void, pace?: BodyPace): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let offset = position;
    let writing = false;
    let ended = false;
    let pacing = false;
    let failure: WrittenError | undefined;
    /** Reading goes on unless the limit holds it, or a batch waits for the write in flight. */
    const resumeIfFree = () => {
      if (body.isPaused() && !pacing && !(writing && pendingBytes >= WRITE_SIZE) && !ended && !failure) body.resume();
    };

    const settle = () => {
      if (writing || (!ended && !failure)) return;
      if (pendingBytes > 0) return flush();
      if (failure) reject(Object.assign(failure, { written: offset - position }));
      else resolve(offset - position);
    };
    const flush = () => {
      const buffers = pending;
      const at = offset;
      const length = pendingBytes;
      pending = [];
      pendingBytes = 0;
      writing = true;
      writeAll(file, buffers, at).then(
        () => {
          offset += length;
          writing = false;
          resumeIfFree();
          settle();
        },
        (error: WrittenError) => {
          // A failed write: nothing after `offset` can be trusted.
          writing = false;
          pending = [];
          pendingBytes = 0;
          failure = error;
          body.destroy();
          settle();
        },
      );
    };

    body.on('data', (chunk: Buffer) => {
      pending.push(chunk);
      pendingBytes += chunk.length;
      onBytes(chunk.length);
      const wait = pace?.take(chunk.length);
      if (wait) {
        pacing = true;
        body.pause();
        wait.then(
          () => {
            pacing = false;
            resumeIfFree();
          },
          (error: Error) => body.destroy(error),
        );
      }
      if (pendingBytes < WRITE_SIZE) return;
      if (!writing) flush();
      else body.pause();
    });
    body.once('end', () => {
      ended = true;
      settle();
    });
    body.once('error', (error: WrittenError) => {
      // Keep what arrived before the break: those bytes are the object's, in order.
      failure ??= error;
      settle();
    });
    // A stream that closes with neither 'end' nor 'error' was cut short.
    body.once('close', () => {
      if (ended || failure) return;
      failure = Object.assign(new Error('the body stopped early'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
      settle();
    });
  });
}

/** writev until every byte is down (a write may be short). */
async function writeAll(file: FileHandle, buffers: Buffer[], position: number): Promise<void> {
  let rest = buffers;
  let at = position;
  while (rest.length) {
    const { bytesWritten } = await file.writev(rest, at);
    at += bytesWritten;
    rest = afterWritten(rest, bytesWritten);
  }
}
