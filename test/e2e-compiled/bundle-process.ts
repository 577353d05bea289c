// Compiles a script with the real pipeline and runs the bundle as a child process (`node NAME.mjs`),
// the way operators deploy it: -l replaces the listen sockets, -m overrides modparams.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compileScript, writeOutputs, type CompileOptions } from '../../compiler/pipeline.js';
import { SERC_ROOT } from '../../compiler/generate/paths.js';

export interface CompiledBundle {
  path: string;
  dispose(): void;
}

/** Compiles `cfg` into a temporary folder whose node_modules links to serc's (native drivers). */
export async function compileToBundle(cfg: string, options: CompileOptions = {}): Promise<CompiledBundle> {
  const result = await compileScript(cfg, { ...options, emit: 'bundle' });
  if (result.exitCode !== 0)
    throw new Error(`compile ${cfg} failed: ${JSON.stringify(result.diagnostics, null, 1)}`);
  const dir = mkdtempSync(join(tmpdir(), 'serc-bundle-'));
  symlinkSync(resolve(SERC_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await writeOutputs(dir, result.files);
  const bundle = result.files.find((f) => f.name.endsWith('.mjs'));
  if (!bundle) throw new Error('no bundle');
  return { path: join(dir, bundle.name), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface BundleProcess {
  /** The UDP port the server reported ("listening on udp:127.0.0.1:N"). */
  port: number;
  output(): string;
  /** SIGTERM and wait for the exit code (SIGKILL after 15 s). */
  stop(): Promise<number | null>;
}

/** `node --enable-source-maps NAME.mjs args…`, once it reports its UDP socket. */
export function startBundle(path: string, args: string[], timeoutMs = 30_000): Promise<BundleProcess> {
  return startListeningProcess(['--enable-source-maps', path, ...args], { timeoutMs, what: 'bundle' });
}

/**
 * Runs `node args…` and resolves once its output says "listening on udp:127.0.0.1:N" (a compiled
 * bundle, `serc run`); fails with the output so far when it exits first or takes longer than timeoutMs.
 */
export async function startListeningProcess(
  args: string[],
  options: { cwd?: string; timeoutMs: number; what: string },
): Promise<BundleProcess> {
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`${options.what} did not start:\n${output}`)),
      options.timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const m = /listening on udp:127\.0\.0\.1:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        done(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`${options.what} exited with ${code}:\n${output}`));
    });
  });
  return {
    port,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(kill);
      return code;
    },
  };
}
