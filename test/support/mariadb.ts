// A private MariaDB server for tests: its own data dir in a temp directory, its own socket and port on
// 127.0.0.1, a database `serc` and a user `serc`/`sercpw`. No systemd here, so we run mariadbd directly.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';

const execFileAsync = promisify(execFile);

export interface MariaDbServer {
  /** `mysql://serc:sercpw@127.0.0.1:<port>/serc` */
  readonly url: string;
  readonly port: number;
  readonly socket: string;
  readonly dataDir: string;
  /** Start the server again on the same data dir and port (after stop() or kill()). */
  start(): Promise<void>;
  /** Graceful shutdown: SIGTERM, then SIGKILL if it does not exit in time. Keeps the data dir. */
  stop(): Promise<void>;
  /** Hard crash: SIGKILL. Keeps the data dir (InnoDB recovers on the next start). */
  kill(): Promise<void>;
  restart(): Promise<void>;
  /** Freeze the server (SIGSTOP): connections stay open but nothing answers — a hung database. */
  pause(): void;
  /** Thaw a paused server (SIGCONT). */
  resume(): void;
  /** stop() and delete the temp directory. */
  dispose(): Promise<void>;
}

const SEARCH_DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin', '/usr/libexec'];
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

function findBinary(names: readonly string[]): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...SEARCH_DIRS];
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

function requireBinary(names: readonly string[]): string {
  const found = findBinary(names);
  if (found) return found;
  throw new Error(
    `MariaDB tests need ${names.join(' or ')}, which is not installed. ` +
      `Install the Debian package: apt-get install mariadb-server (or run scripts/setup).`,
  );
}

/** A free TCP port on 127.0.0.1: bind port 0 and read back what the kernel chose. */
export async function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not read back a free port'))));
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function errorLogTail(path: string): Promise<string> {
  try {
    const text = await readFile(path, 'utf8');
    return text.split('\n').slice(-15).join('\n');
  } catch {
    return '(no error log)';
  }
}

export async function startMariaDb(): Promise<MariaDbServer> {
  const serverBinary = requireBinary(['mariadbd', 'mysqld']);
  const installBinary = requireBinary(['mariadb-install-db', 'mysql_install_db']);
  // mariadbd refuses to run as root unless told to; naming the current user works for root and others.
  const user = userInfo().username;
  const dir = await mkdtemp(join(tmpdir(), 'serc-mariadb-'));
  const dataDir = join(dir, 'data');
  const socket = join(dir, 'mysqld.sock');
  const errorLog = join(dir, 'error.log');
  // Small redo log and buffer pool: these servers hold a handful of rows and share 2 CPU cores.
  const sizing = ['--innodb-log-file-size=8M', '--innodb-buffer-pool-size=16M'];

  try {
    await execFileAsync(
      installBinary,
      [
        '--no-defaults',
        '--auth-root-authentication-method=normal',
        `--datadir=${dataDir}`,
        `--user=${user}`,
        '--skip-test-db',
        ...sizing,
      ],
      { timeout: READY_TIMEOUT_MS },
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`${installBinary} failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  const port = await freeTcpPort();
  let child: ChildProcess | undefined;
  let paused = false;
  // A test worker that dies must not leave a mariadbd behind.
  const killOnExit = (): void => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);

  async function waitUntilReady(proc: ChildProcess): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new Error(`mariadbd exited while starting:\n${await errorLogTail(errorLog)}`);
      }
      try {
        const connection = await createConnection({ socketPath: socket, user: 'root', connectTimeout: 2000 });
        await connection.end();
        return;
      } catch {
        if (Date.now() > deadline) {
          proc.kill('SIGKILL');
          throw new Error(`mariadbd did not accept connections in time:\n${await errorLogTail(errorLog)}`);
        }
        await delay(100);
      }
    }
  }

  async function start(): Promise<void> {
    if (child && child.exitCode === null && child.signalCode === null) return;
    const proc = spawn(
      serverBinary,
      [
        '--no-defaults',
        `--datadir=${dataDir}`,
        `--socket=${socket}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--user=${user}`,
        `--pid-file=${join(dir, 'mysqld.pid')}`,
        `--log-error=${errorLog}`,
        `--tmpdir=${dir}`,
        '--skip-name-resolve',
        '--skip-log-bin',
        '--performance-schema=0',
        '--innodb-use-native-aio=0',
        '--max-connections=200',
        ...sizing,
      ],
      { stdio: 'ignore' },
    );
    child = proc;
    await waitUntilReady(proc);
  }

  async function stopWith(signal: NodeJS.Signals): Promise<void> {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    // A stopped process does not act on SIGTERM until it is continued.
    if (paused) proc.kill('SIGCONT');
    paused = false;
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), signal === 'SIGKILL' ? 0 : STOP_TIMEOUT_MS);
    await exited(proc);
    clearTimeout(timer);
  }

  await start();
  const root = await createConnection({ socketPath: socket, user: 'root' });
  try {
    await root.query('CREATE DATABASE IF NOT EXISTS serc CHARACTER SET utf8mb4');
    for (const host of ['%', 'localhost']) {
      await root.query(`CREATE USER IF NOT EXISTS 'serc'@'${host}' IDENTIFIED BY 'sercpw'`);
      await root.query(`GRANT ALL PRIVILEGES ON serc.* TO 'serc'@'${host}'`);
    }
  } finally {
    await root.end();
  }

  return {
    url: `mysql://serc:sercpw@127.0.0.1:${port}/serc`,
    port,
    socket,
    dataDir,
    start,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
    async restart() {
      await stopWith('SIGTERM');
      await start();
    },
    pause() {
      child?.kill('SIGSTOP');
      paused = true;
    },
    resume() {
      child?.kill('SIGCONT');
      paused = false;
    },
    async dispose() {
      if (paused) child?.kill('SIGCONT');
      await stopWith('SIGTERM');
      process.off('exit', killOnExit);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
