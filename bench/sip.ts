// Parse + serialize throughput for REGISTER, MESSAGE and INVITE: our SIP layer against npm `sip`.
// Run: npx tsx bench/sip.ts   (about 8 seconds; rates are per CPU-second, best of 3 short rounds)

import sip from 'sip';
import { parseMessage } from '../runtime/core/sip/index.js';
import { INVITE, MESSAGE, REGISTER } from '../test/sip/samples.js';

const ROUND_MS = 300;
const ROUNDS = 3;

/** CPU time used by this process so far, in seconds (the machine is shared: wall time would measure the neighbours). */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Messages per CPU-second for fn, best of a few fixed-time rounds (after a warm-up). */
function rate(fn: () => void): number {
  for (let i = 0; i < 2000; i++) fn();
  let best = 0;
  for (let r = 0; r < ROUNDS; r++) {
    let n = 0;
    const wallLimit = Date.now() + ROUND_MS;
    const cpuStart = cpuSeconds();
    while (Date.now() < wallLimit) {
      for (let i = 0; i < 100; i++) fn();
      n += 100;
    }
    best = Math.max(best, n / (cpuSeconds() - cpuStart));
  }
  return best;
}

let sink = 0;

function oursPlain(buf: Buffer): () => void {
  return () => {
    const r = parseMessage(buf);
    if (!r.ok) throw new Error(r.error.detail);
    sink += r.message.serialize().length + r.message.via.host.length;
  };
}

/** Proxy-like: parse, add a Via and fill in received/rport, rebuild the bytes. */
function oursEdited(buf: Buffer): () => void {
  return () => {
    const r = parseMessage(buf);
    if (!r.ok) throw new Error(r.error.detail);
    const m = r.message;
    m.setTopViaParams({ received: '203.0.113.9', rport: 5060 });
    m.prependVia('SIP/2.0/UDP 198.51.100.1:5060;branch=z9hG4bK-bench');
    sink += m.serialize().length;
  };
}

function npm(buf: Buffer): () => void {
  return () => {
    const m = sip.parse(buf);
    if (!m) throw new Error('npm sip failed to parse');
    sink += sip.stringify(m).length;
  };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(10);

console.log(
  `SIP parse+serialize, messages per CPU-second (best of ${ROUNDS} rounds of ${ROUND_MS} ms), node ${process.version}`,
);
console.log('message    ours(unmodified)  ours(+Via edit)   npm sip   ratio(unmod)  ratio(edit)');
for (const [name, buf] of [
  ['REGISTER', REGISTER],
  ['MESSAGE', MESSAGE],
  ['INVITE', INVITE],
] as const) {
  const a = rate(oursPlain(buf));
  const b = rate(oursEdited(buf));
  const c = rate(npm(buf));
  console.log(
    `${name.padEnd(9)} ${fmt(a)}        ${fmt(b)}  ${fmt(c)}   ${(a / c).toFixed(2).padStart(8)}x   ${(b / c).toFixed(2).padStart(8)}x`,
  );
}
if (sink === 0) console.log('');
