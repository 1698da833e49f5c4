// Loaded with `node --import` by `npm run bench` into the `npm run graph` process it measures:
// records the process's peak resident memory (VmHWM: all its threads, the workers included) for the
// whole run and for each stage, and writes them to $PAPERMAP_PEAK_FILE as the process exits.
// Stages are told by the lines `papermap graph: <stage>…` that the CLI writes to stderr (when it is
// not a terminal); at each one the peak is read, then reset to the current RSS (clear_refs 5), so
// the windows tile the run and the largest of their peaks is the whole run's peak.
import { readFileSync, writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const out = process.env.PAPERMAP_PEAK_FILE;
// Worker threads load --import modules too; only the main thread measures.
if (isMainThread && out) {
  const peakMB = () => {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  };
  const windows = [];
  let resets = true;
  let stage = 'start+parse';
  let since = performance.now();
  const close = () => windows.push({ stage, ms: performance.now() - since, peakMB: peakMB() });
  const open = (next) => {
    close();
    try {
      writeFileSync('/proc/self/clear_refs', '5');
    } catch {
      // Without the reset each window's figure is the peak so far: the whole run's peak stays exact.
      resets = false;
    }
    stage = next;
    since = performance.now();
  };
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk, ...rest) => {
    const match = /^papermap graph: (\w+)…$/m.exec(String(chunk));
    if (match) open(match[1]);
    return write(chunk, ...rest);
  };
  process.on('exit', () => {
    close();
    const peak = Math.max(...windows.map((w) => w.peakMB));
    writeFileSync(out, JSON.stringify({ peakMB: peak, resets, windows }));
  });
}
