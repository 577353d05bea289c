// The `myself` set: listen addresses and aliases (MODULES.md §0 check_self). Hosts compare
// case-insensitively; a URI port must equal the socket/alias port unless either side has none.

interface LocalName {
  host: string;
  port: number; // 0 = any
}

function normHost(host: string): string {
  const h = host.trim().toLowerCase();
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}

export class LocalAddresses {
  private readonly names: LocalName[] = [];

  /** A listen socket or `alias=`/`domain=` entry; port 0 or omitted matches any port. */
  add(host: string, port = 0): this {
    this.names.push({ host: normHost(host), port });
    return this;
  }

  /** Parses `alias=host[:port]` style text. */
  addAlias(text: string): this {
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(text.trim());
    if (!m) throw new Error(`bad alias ${JSON.stringify(text)}`);
    return this.add(m[1] as string, m[2] === undefined ? 0 : Number(m[2]));
  }

  matches(host: string, port = 0): boolean {
    const h = normHost(host);
    return this.names.some((n) => n.host === h && (n.port === 0 || port === 0 || n.port === port));
  }

  get size(): number {
    return this.names.length;
  }
}
