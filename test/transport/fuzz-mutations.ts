// Deterministic mutations of SIP messages for the network fuzz test: bit flips, truncation,
// duplicated/removed lines, random bytes, huge Content-Length, `__proto__` parameters.

/** mulberry32: small seeded PRNG so that a failing run can be reproduced. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutator = (input: Buffer, random: () => number) => Buffer;

const int = (random: () => number, n: number): number => Math.floor(random() * n);

function lines(input: Buffer): string[] {
  return input.toString('latin1').split('\r\n');
}

function join(parts: string[]): Buffer {
  return Buffer.from(parts.join('\r\n'), 'latin1');
}

const bitFlips: Mutator = (input, random) => {
  const out = Buffer.from(input);
  const flips = 1 + int(random, 8);
  for (let i = 0; i < flips && out.length > 0; i++) out[int(random, out.length)]! ^= 1 << int(random, 8);
  return out;
};

const truncate: Mutator = (input, random) => input.subarray(0, int(random, input.length + 1));

const duplicateLine: Mutator = (input, random) => {
  const parts = lines(input);
  const i = int(random, parts.length);
  parts.splice(i, 0, parts[i]!);
  return join(parts);
};

const removeLine: Mutator = (input, random) => {
  const parts = lines(input);
  parts.splice(int(random, parts.length), 1);
  return join(parts);
};

const randomBytes: Mutator = (_input, random) => {
  const out = Buffer.alloc(int(random, 1500));
  for (let i = 0; i < out.length; i++) out[i] = int(random, 256);
  return out;
};

const spliceRandom: Mutator = (input, random) => {
  const at = int(random, input.length + 1);
  const junk = randomBytes(input, random).subarray(0, 1 + int(random, 40));
  return Buffer.concat([input.subarray(0, at), junk, input.subarray(at)]);
};

const HUGE_LENGTHS = [
  '4294967296',
  '99999999999999999999',
  '65536',
  '2147483647',
  '-1',
  'abc',
  '1e9',
  ' 10 10',
];

const hugeContentLength: Mutator = (input, random) => {
  const value = HUGE_LENGTHS[int(random, HUGE_LENGTHS.length)]!;
  const parts = lines(input).map((l) =>
    /^(content-length|l)\s*:/i.test(l) ? `Content-Length: ${value}` : l,
  );
  if (!parts.some((l) => l.startsWith('Content-Length: '))) parts.splice(1, 0, `Content-Length: ${value}`);
  return join(parts);
};

const PROTO_PARAMS = [
  ';__proto__',
  ';__proto__=1',
  ';constructor=x',
  ';__proto__=;toString',
  ';hasOwnProperty=1;__proto__=x',
];

const protoParams: Mutator = (input, random) => {
  const param = PROTO_PARAMS[int(random, PROTO_PARAMS.length)]!;
  const parts = lines(input);
  const candidates = parts
    .map((l, i) => [l, i] as const)
    .filter(([l]) => /^(via|v|from|f|to|t|contact|m|route|record-route)\s*:/i.test(l));
  if (candidates.length > 0) {
    const [line, index] = candidates[int(random, candidates.length)]!;
    parts[index] = line + param;
  }
  // Also into the Request-URI now and then.
  if (random() < 0.5 && parts[0]) parts[0] = parts[0].replace(/^(\S+ \S+)( SIP\/)/, `$1${param}$2`);
  return join(parts);
};

const longHeader: Mutator = (input, random) => {
  const parts = lines(input);
  parts.splice(1, 0, `X-Long: ${'a'.repeat(1000 + int(random, 70000))}`);
  return join(parts);
};

const manyHeaders: Mutator = (input, random) => {
  const parts = lines(input);
  const extra = Array.from({ length: 100 + int(random, 400) }, (_, i) => `X-H${i}: v`);
  parts.splice(1, 0, ...extra);
  return join(parts);
};

export const MUTATORS: readonly Mutator[] = [
  bitFlips,
  bitFlips,
  truncate,
  duplicateLine,
  removeLine,
  randomBytes,
  spliceRandom,
  hugeContentLength,
  protoParams,
  protoParams,
  longHeader,
  manyHeaders,
];

/** One mutated packet from a seed message: one or two mutations. */
export function mutate(seed: Buffer, random: () => number): Buffer {
  let out = MUTATORS[int(random, MUTATORS.length)]!(seed, random);
  if (random() < 0.3) out = MUTATORS[int(random, MUTATORS.length)]!(out, random);
  return out;
}

/** Valid seed messages aimed at a server on 127.0.0.1:port. */
export function seedMessages(port: number): Buffer[] {
  const common = (method: string, n: number): string =>
    `Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bKfuzz${n};rport\r\n` +
    `Max-Forwards: 70\r\nFrom: "Fuzz" <sip:fuzz@127.0.0.1>;tag=f${n}\r\nCall-ID: fuzz${n}@127.0.0.1\r\nCSeq: ${n} ${method}\r\n`;
  const body =
    'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n';
  return [
    `REGISTER sip:127.0.0.1:${port} SIP/2.0\r\n${common('REGISTER', 1)}To: <sip:fuzz@127.0.0.1>\r\nContact: <sip:fuzz@127.0.0.1:9>;expires=60\r\nExpires: 60\r\nContent-Length: 0\r\n\r\n`,
    `INVITE sip:fuzz@127.0.0.1:${port} SIP/2.0\r\n${common('INVITE', 2)}To: <sip:fuzz@127.0.0.1>\r\nContact: <sip:caller@127.0.0.1:9>\r\nContent-Type: application/sdp\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    `MESSAGE sip:nobody@127.0.0.1:${port} SIP/2.0\r\n${common('MESSAGE', 3)}To: <sip:nobody@127.0.0.1>\r\nContent-Type: text/plain;charset=utf-8\r\nContent-Length: 13\r\n\r\nhällo wörld`,
    `OPTIONS sip:127.0.0.1:${port} SIP/2.0\r\n${common('OPTIONS', 4)}To: <sip:127.0.0.1>\r\nAccept: application/sdp\r\nContent-Length: 0\r\n\r\n`,
  ].map((s) => Buffer.from(s, 'utf8'));
}
