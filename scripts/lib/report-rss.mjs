// Preloaded into every process the bench measures (node --import <this file> …): at exit it writes the process's own
// peak resident set size, process.resourceUsage().maxRSS (KiB on Linux), to the file named by BENCH_RSS_FILE. Plain
// JavaScript so it loads before and without tsx. A process killed by a signal or by V8's heap limit never gets here:
// the bench also samples /proc/<pid>/status (VmHWM) while the process runs.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', (code) => {
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, maxRssKiB: process.resourceUsage().maxRSS, code }) + '\n');
    } catch {
      // the bench falls back on VmHWM
    }
  });
}
