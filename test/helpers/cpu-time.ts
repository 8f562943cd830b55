/**
 * Time bounds in tests are on this process's CPU time, not on the clock: the suite runs its files
 * in parallel beside Chromium on two cores, so wall time doubles with the load while the work a
 * test guards (a guard that refuses, a parser that must not backtrack) does not.
 */

/** What `run` gives, and the CPU milliseconds (user and system, every thread of this process) it took. */
export async function cpuTimed<T>(run: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const start = process.cpuUsage();
  const value = await run();
  const used = process.cpuUsage(start);
  return { value, ms: (used.user + used.system) / 1000 };
}

/**
 * How much longer `run(n × 4)` takes than `run(n)`, each the best of three after one warm-up:
 * about 4 for linear work, 16 for quadratic. The ratio holds on a loaded machine where an
 * absolute bound would not.
 */
export async function growthOverFourfold(run: (n: number) => unknown, n: number): Promise<number> {
  await run(n);
  const best = async (size: number) => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) times.push((await cpuTimed(() => run(size))).ms);
    return Math.min(...times);
  };
  const small = await best(n);
  return (await best(n * 4)) / Math.max(small, 1);
}
