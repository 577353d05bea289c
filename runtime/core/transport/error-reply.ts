// Best-effort error answer to a request that did not parse: echo its Via/From/To/Call-ID/CSeq lines
// as found in the raw bytes. Without those lines (or for ACK and responses) nothing is sent.

const NEEDED = ['via', 'from', 'to', 'call-id', 'cseq'] as const;
const COMPACT: Record<string, string> = { v: 'via', f: 'from', t: 'to', i: 'call-id' };
const REQUEST_LINE = /^([A-Za-z0-9.!%*_+`'~-]{1,32}) [^ \r\n]{1,2048} SIP\/\d{1,3}\.\d{1,3}$/;

export function buildErrorReply(raw: Buffer, status: number, reason: string): Buffer | undefined {
  if (status < 300 || status > 699) return undefined;
  const headEnd = raw.indexOf('\r\n\r\n');
  const head = raw.toString('latin1', 0, headEnd < 0 ? Math.min(raw.length, 65536) : headEnd);
  const lines = head.split('\r\n');
  const requestLine = REQUEST_LINE.exec(lines[0] ?? '');
  if (!requestLine || requestLine[1]!.toUpperCase() === 'ACK') return undefined;
  const found = new Map<string, string[]>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const rawName = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT[rawName] ?? rawName;
    if (!(NEEDED as readonly string[]).includes(name)) continue;
    const value = line.slice(colon + 1).trim();
    if (value === '' || /[\x00-\x08\x0a-\x1f\x7f]/.test(value)) return undefined;
    const list = found.get(name) ?? [];
    list.push(value);
    found.set(name, list);
  }
  let out = `SIP/2.0 ${status} ${reason.replace(/[\r\n]/g, ' ')}\r\n`;
  for (const name of NEEDED) {
    const values = found.get(name);
    if (!values) return undefined;
    const display =
      name === 'call-id' ? 'Call-ID' : name === 'cseq' ? 'CSeq' : name[0]!.toUpperCase() + name.slice(1);
    // Only the first of the singleton headers; every Via.
    for (const value of name === 'via' ? values : values.slice(0, 1)) out += `${display}: ${value}\r\n`;
  }
  out += 'Content-Length: 0\r\n\r\n';
  return Buffer.from(out, 'latin1');
}
