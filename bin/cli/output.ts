/** Standard output for commands whose result is piped (CSV), flushed before the process exits. */

/** Writes to standard output and waits until it is flushed (a pipe may be slower than exit). */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolvePromise, reject) =>
    process.stdout.write(text, (error) => (error === null || error === undefined ? resolvePromise() : reject(error))),
  );
}
