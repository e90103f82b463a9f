// Runs the CLI as a user does (node --import tsx adapters/cli/main.ts), collecting its output and exit code.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..', '..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit, ms. */
  ms: number;
}

export interface CliOptions {
  args: string[];
  env: NodeJS.ProcessEnv;
  stdin?: string;
  nodeArgs?: string[];
  /** Runs the process as this user and group (needs root): a data folder root could write is not writable to it. */
  uid?: number;
  gid?: number;
}

/** A CLI process still running: its output so far, and its end. */
export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited (killed included) and its output is closed. */
  done: Promise<CliRun>;
}

export function startCli(options: CliOptions): RunningCli {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', ...(options.nodeArgs ?? []), 'adapters/cli/main.ts', ...options.args], {
    cwd: ROOT,
    env: options.env,
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : -2), stdout, stderr, ms: performance.now() - started }));
  });
  child.stdin.end(options.stdin ?? '');
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}

export function runCli(options: CliOptions): Promise<CliRun> {
  return startCli(options).done;
}
