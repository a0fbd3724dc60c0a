/** The buffers still to write after the first `written` bytes of them went out (a vectored write may be short). */
export function afterWritten(buffers: readonly Buffer[], written: number): Buffer[] {
  const rest: Buffer[] = [];
  let skip = written;
  for (const buffer of buffers) {
    if (skip >= buffer.length) skip -= buffer.length;
    else {
      rest.push(skip ? buffer.subarray(skip) : buffer);
      skip = 0;
    }
  }
  return rest;
}
