// What a benchmark started (gateways, servers, browsers, temp folders), stopped in reverse order
// at the end, on an error, or on Ctrl-C / SIGTERM.

/** Everything started so far, stopped in reverse order; safe to call twice. `log` reports a step that failed. */
export function createCleanup(log) {
  const steps = [];
  let ran = false;
  return {
    add: (what, fn) => steps.push([what, fn]),
    async run() {
      if (ran) return;
      ran = true;
      for (const [what, fn] of steps.reverse()) {
        try {
          await fn();
        } catch (error) {
          log(`while cleaning up (${what}): ${error.message}`);
        }
      }
    },
  };
}

/** On SIGINT or SIGTERM, runs the clean-up and exits with 130. */
export function cleanupOnSignals(cleanup, log) {
  const onSignal = (signal) => {
    log(`${signal}: cleaning up`);
    void cleanup.run().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
