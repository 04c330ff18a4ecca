// `iam-playground test` throughput: 10,000 scenario files (the corpus, copied round
// robin into a temporary folder), checked by the release CLI on one core (`taskset -c 0` when
// available). Prints scenarios per second, the best of 3 runs (the least disturbed by other work
// on the machine).
//
//   node benches/budgets/test-throughput.mjs [--json] [--files N] [--cpu]
//
// `--cpu` counts the command's CPU time (user + system, from bash's `time`) instead of the
// wall clock: on a shared machine, time spent waiting for a core then does not count
// (budgets/check.mjs uses it).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, jsonFiles } from './common.mjs';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const count = Number(args[args.indexOf('--files') + 1]) || 10000;
const cpu = args.includes('--cpu');
const bin = process.env.IAM_PLAYGROUND_BIN || path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'release', 'iam-playground');
if (!existsSync(bin)) {
  console.error(`missing ${bin}: run cargo build --release`);
  process.exit(2);
}

const corpus = jsonFiles(path.join(ROOT, 'tests', 'corpus'));
const dir = mkdtempSync(path.join(os.tmpdir(), 'iam-playground-throughput-'));
try {
  for (let i = 0; i < count; i++) copyFileSync(corpus[i % corpus.length], path.join(dir, `${String(i).padStart(5, '0')}.json`));
  const pin = spawnSync('taskset', ['--version']).status === 0 ? ['taskset', '-c', '0'] : [];
  const run = () => {
    const command = [...pin, bin, 'test', dir];
    // With --cpu, bash's `time` reports the command's user and system seconds on the last line
    // of stderr.
    const [cmd, ...rest] = cpu ? ['bash', '-c', 'TIMEFORMAT="%3U %3S"; time "$@"', 'bash', ...command] : command;
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, rest, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    let seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const last = r.stdout.trim().split('\n').pop();
    if (r.status !== 0) throw new Error(`iam-playground test failed (exit ${r.status}): ${last} ${r.stderr}`);
    if (cpu) {
      const [user, system] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
      if (!Number.isFinite(user) || !Number.isFinite(system)) throw new Error(`no CPU time in: ${r.stderr}`);
      seconds = user + system;
    }
    return { seconds, last };
  };
  run(); // warm the file cache
  const runs = [run(), run(), run()];
  const best = Math.min(...runs.map((r) => r.seconds));
  const result = { files: count, seconds: best, perSecond: count / best, summary: runs[0].last, oneCore: pin.length > 0, cpuTime: cpu };
  if (asJson) console.log(JSON.stringify(result));
  else console.log(`iam-playground test over ${count} files: ${Math.round(result.perSecond)} scenarios/s (best of 3: ${best.toFixed(3)} s${cpu ? ' of CPU time' : ''}${pin.length ? ', one core' : ''}; ${result.summary})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
