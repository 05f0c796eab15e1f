// Ctrl+C (SIGINT) or SIGTERM stops a long-running command once, cleanly, then exits.

/** On the first SIGINT or SIGTERM: says so, runs `stop`, and exits 0 (or 1, saying why, if it failed). */
export function stopOnSignals(stop: () => Promise<void>, what: string): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Stopping (${signal})…\n`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`${what} did not stop cleanly:`, error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
