// The results table (printed and written to bench/RESULTS.md) and the machine description.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import type { BackendName } from './databases.js';
import type { FrontendTimings } from './frontend-times.js';
import type { MemoryFigures } from './proc-stats.js';
import type { SearchResult } from './rate-search.js';
import { GENERATOR_SHORTFALL, SCENARIO_TITLES, type ScenarioName } from './scenarios.js';
import type { ServerKind } from './servers.js';

export interface RowResult {
  readonly scenario: ScenarioName;
  readonly backend: BackendName;
  readonly server: ServerKind;
  readonly search?: SearchResult;
  readonly memory?: MemoryFigures;
  /** Why the row has no figures. */
  readonly error?: string;
}

export interface RunInfo {
  readonly started: Date;
  readonly finished: Date;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly command: string;
  readonly seconds: number;
  readonly dumpMessages: number;
  readonly backendVersions: readonly string[];
  readonly notes: readonly string[];
}

function firstLine(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  const text = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  return r.status === null || text === '' ? 'not installed' : (text.split('\n')[0] ?? '').trim();
}

export function machineDescription(): string[] {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus.length} × ${cpus[0]?.model ?? 'unknown'}; RAM ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; ${os.type()} ${os.release()}`,
    `- Node.js ${process.version}`,
    `- ${firstLine('kamailio', ['-v'])}`,
    `- ${firstLine('sipp', ['-v']).replace(/^\s*/, '')}`,
  ];
}

function rateCell(row: RowResult | undefined): string {
  if (!row) return '—';
  if (row.error) return 'not run';
  const s = row.search;
  if (!s) return '—';
  if (s.best === 0) return `0 (fails at ${s.firstFailure?.rate ?? '?'})`;
  if (s.capped) return `≥ ${s.best} (max)`;
  if (s.generatorLimited) return `≥ ${s.best} (not reached)`;
  return s.outOfTime ? `≥ ${s.best} (time)` : String(s.best);
}

function cpuCell(row: RowResult | undefined): string {
  const t = row?.search?.bestTrial;
  return t ? `${t.cpuPercent.toFixed(0)} %` : '—';
}

function memCell(row: RowResult | undefined): string {
  const m = row?.memory;
  return m ? `${m.peakRssMb.toFixed(0)} / ${m.pssMb.toFixed(0)} MB` : '—';
}

function ratioCell(kam: RowResult | undefined, serc: RowResult | undefined): string {
  const k = kam?.search?.best ?? 0;
  const s = serc?.search?.best ?? 0;
  if (!kam?.search || !serc?.search || kam.error || serc.error) return '—';
  if (k === 0) return '—';
  const ratio = `${(s / k).toFixed(2)}×`;
  // A lower bound on either side makes the ratio a bound too, or meaningless.
  const lower = (r: SearchResult): boolean => r.capped || r.outOfTime || r.generatorLimited;
  const kamLower = lower(kam.search);
  const sercLower = lower(serc.search);
  if (kamLower && sercLower) return `${ratio} (both lower bounds)`;
  if (sercLower) return `≥ ${ratio}`;
  if (kamLower) return `≤ ${ratio}`;
  return ratio;
}

const UNIT: Record<ScenarioName, string> = {
  register: 'REGISTER/s',
  offline: 'MESSAGE/s',
  relay: 'MESSAGE/s',
  dump: 'REGISTER/s',
};

export function resultsTable(rows: readonly RowResult[]): string {
  const find = (s: ScenarioName, b: BackendName, k: ServerKind): RowResult | undefined =>
    rows.find((r) => r.scenario === s && r.backend === b && r.server === k);
  const lines = [
    '| scenario | backend | unit | Kamailio | serc | serc/Kamailio | CPU Kamailio | CPU serc | peak RSS / PSS Kamailio | peak RSS / PSS serc |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.scenario}/${r.backend}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const kam = find(r.scenario, r.backend, 'kamailio');
    const serc = find(r.scenario, r.backend, 'serc');
    lines.push(
      `| ${SCENARIO_TITLES[r.scenario]} | ${r.backend} | ${UNIT[r.scenario]} | ${rateCell(kam)} | ${rateCell(serc)} | ` +
        `${ratioCell(kam, serc)} | ${cpuCell(kam)} | ${cpuCell(serc)} | ${memCell(kam)} | ${memCell(serc)} |`,
    );
  }
  return lines.join('\n');
}

function failuresSection(rows: readonly RowResult[]): string[] {
  const lines: string[] = [];
  for (const r of rows) {
    const where = `${SCENARIO_TITLES[r.scenario]}, ${r.backend}, ${r.server}`;
    if (r.error) lines.push(`- ${where}: **not run** — ${r.error}`);
    else if (r.search?.firstFailure)
      lines.push(
        `- ${where}: first failing rate ${r.search.firstFailure.rate}: ${r.search.firstFailure.detail}`,
      );
    else if (r.search?.capped)
      lines.push(`- ${where}: passed up to the harness's maximum rate ${r.search.best}`);
    else if (r.search?.generatorLimited)
      lines.push(
        `- ${where}: every call passed at the next rate, but SIPp sent under ${GENERATOR_SHORTFALL * 100} % of it: ` +
          `the search stopped at ${r.search.best}/s`,
      );
    else if (r.search?.outOfTime)
      lines.push(`- ${where}: the row's time budget ran out at ${r.search.best} before any trial failed`);
  }
  return lines;
}

function frontendSection(frontend: FrontendTimings | undefined): string[] {
  if (!frontend) return ['Not measured in this run.'];
  const timings = frontend.files;
  const startup = `\`serc --version\` alone (Node start-up, tsx, the CLI's imports) takes ${frontend.sercStartupMs.toFixed(0)} ms.`;
  if (timings.length === 0) return ['`kamailio -c` accepted none of the files.', '', startup];
  return [
    'Whole command lines, wall time, median of the runs; only the files `kamailio -c` accepts are timed ' +
      '(Kamailio 5.6 rejects the other seeds: older dialects or modules it no longer ships). ' +
      startup,
    '',
    '| file | kamailio -c | serc check | serc compile | check / kamailio -c |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...timings.map(
      (t) =>
        `| ${t.file} | ${t.kamailioMs.toFixed(0)} ms | ${t.checkMs.toFixed(0)} ms | ` +
        `${t.compileMs !== undefined ? `${t.compileMs.toFixed(0)} ms` : `exit ${t.compileExit}`} | ${(t.checkMs / t.kamailioMs).toFixed(1)}× |`,
    ),
  ];
}

export function resultsMarkdown(
  rows: readonly RowResult[],
  info: RunInfo,
  timings: FrontendTimings | undefined,
): string {
  const load = (l: readonly number[]): string => l.map((v) => v.toFixed(2)).join(' ');
  return [
    '# Benchmarks: serc against Kamailio on configs/msilo.cfg',
    '',
    `Written by \`${info.command}\` (bench/msilo/main.ts) on ${info.started.toISOString()}, finished ${info.finished.toISOString()}. ` +
      'Do not edit by hand: rerun the harness.',
    '',
    '## Machine',
    '',
    ...machineDescription(),
    ...info.backendVersions.map((v) => `- ${v}`),
    `- Load average (1/5/15 min) before the run: ${load(info.loadBefore)}; after: ${load(info.loadAfter)}. ` +
      'The machine is shared; a load above the core count means other processes competed for the CPUs.',
    '',
    '## Highest passing rate',
    '',
    'Each cell is the highest rate at which a whole trial passed: every SIPp call successful, no failed call, no ' +
      'unexpected message, and the database as promised (scenario 2: one row per 202; scenario 4: every stored ' +
      `message answered 200 by the UAS and its row deleted). A trial sends rate × ${info.seconds} s calls; rates ` +
      'double until a trial fails, then bisect; "≥ N (max)" passed the harness\'s highest rate, "≥ N (time)" ran out of ' +
      'its time budget before any failure, "≥ N (not reached)": at the next rate every call passed but SIPp sent ' +
      `below ${GENERATOR_SHORTFALL * 100} % of it (SIPp's own limit on the shared cores, or its call limit while ` +
      'responses lagged); all three are lower bounds. ' +
      "CPU is the server's whole process tree during the best passing " +
      "trial, in % of one core. Memory: sum of VmHWM over the process tree (Kamailio's shared memory counts once " +
      'per process that touched it) / PSS (shared pages split fairly), from the server instance with the highest ' +
      'peak (the harness restarts the server after each failed trial, so each rate starts from a clean state).',
    `Scenario 4 stores ${info.dumpMessages} messages per user before the trial; its rate is REGISTERs per second ` +
      `(${info.dumpMessages} MESSAGEs delivered per REGISTER).`,
    '',
    resultsTable(rows),
    '',
    '## Limits reached',
    '',
    ...failuresSection(rows),
    '',
    '## Front end: serc check / compile against kamailio -c (wall time, median)',
    '',
    ...frontendSection(timings),
    '',
    ...(info.notes.length > 0 ? ['## Notes', '', ...info.notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
}
