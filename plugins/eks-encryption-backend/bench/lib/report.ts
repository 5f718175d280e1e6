import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const BENCHMARKS_FILE = resolve(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'docs',
  'benchmarks.md',
);

/** How to run `script` again and the machine it ran on, as two report lines. */
export function runLines(script: string): string[] {
  return [
    `Run: \`cd plugins/eks-encryption-backend && node -r @backstage/cli/config/nodeTransform.cjs bench/${script}\``,
    `on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${
      process.version
    }, ${new Date().toISOString().slice(0, 10)}.`,
  ];
}

/** Replaces the section under `heading` (a `## ` line) of `file`, or appends it. */
function writeSection(file: string, heading: string, section: string) {
  const current = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmarks\n';
  const escaped = heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const start = current.search(new RegExp(`^${escaped}$`, 'm'));
  let next: string;
  if (start < 0) {
    next = `${current.trimEnd()}\n\n${section}`;
  } else {
    const after = current.indexOf('\n## ', start + heading.length);
    const rest = after < 0 ? '' : `\n${current.slice(after + 1)}`;
    next = `${current.slice(0, start)}${section}${rest}`;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
}

/**
 * Prints a report section, which starts with its `## ` heading, and writes it
 * to docs/benchmarks.md unless `--no-write` is given (other sections are left
 * as they are).
 */
export function publishSection(section: string) {
  process.stdout.write(`${section}\n`);
  if (process.argv.includes('--no-write')) return;
  const heading = section.slice(0, section.indexOf('\n'));
  writeSection(BENCHMARKS_FILE, heading, section);
  process.stdout.write(`Written to ${join('docs', 'benchmarks.md')}\n`);
}

/** Runs a benchmark, printing its failure and setting the exit code. */
export function runBenchmark(main: () => Promise<void>) {
  main().catch(error => {
    process.stderr.write(
      `${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
