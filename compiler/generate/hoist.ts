// Module-level declarations the route functions share: imports, precompiled pseudo-variables,
// formats and regexes (compiled once at load time, never per message), and the typed bindings of
// module functions. Each gets a stable name from its first use, in source order.
import type { SourceRange } from '../source.js';
import { Output } from './output.js';

export const RUNTIME = 'serc/runtime';

interface Hoisted {
  name: string;
  init: string;
  range: SourceRange;
}

export class Hoister {
  /** import path → imported names (type-only names start with `type `). */
  private readonly named = new Map<string, Set<string>>();
  private readonly namespaces = new Map<string, { alias: string; range: SourceRange | undefined }>();
  private readonly decls = new Map<string, Hoisted>();
  private readonly counters = new Map<string, number>();

  use(path: string, name: string): string {
    const set = this.named.get(path) ?? new Set<string>();
    set.add(name);
    this.named.set(path, set);
    return name.replace(/^type /, '');
  }

  /** `import * as alias from path`; the range is where the import is first needed. */
  namespace(path: string, alias: string, range: SourceRange | undefined): string {
    if (!this.namespaces.has(path)) this.namespaces.set(path, { alias, range });
    return this.namespaces.get(path)?.alias ?? alias;
  }

  /** A module-level constant, deduplicated by its initializer. */
  constant(prefix: string, init: string, range: SourceRange): string {
    const existing = this.decls.get(init);
    if (existing) return existing.name;
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    const name = `${prefix}_${n}`;
    this.decls.set(init, { name, init, range });
    return name;
  }

  /** A named binding (module functions): the caller chooses the name and the full declaration. */
  binding(name: string, declaration: string, range: SourceRange): string {
    const key = `binding:${name}`;
    if (!this.decls.has(key)) this.decls.set(key, { name, init: declaration, range });
    return name;
  }

  emitImports(out: Output): void {
    const paths = [...new Set([...this.named.keys(), ...this.namespaces.keys()])].sort();
    for (const path of paths) {
      const ns = this.namespaces.get(path);
      if (ns) {
        if (ns.range) out.marker(ns.range);
        out.line(`import * as ${ns.alias} from '${path}';`);
      }
      const names = [...(this.named.get(path) ?? [])].sort((a, b) => bare(a).localeCompare(bare(b)));
      if (names.length === 0) continue;
      const allTypes = names.every((n) => n.startsWith('type '));
      if (allTypes) out.line(`import type { ${names.map(bare).join(', ')} } from '${path}';`);
      else out.line(`import { ${names.join(', ')} } from '${path}';`);
    }
  }

  emitDeclarations(out: Output): void {
    for (const d of this.decls.values()) {
      out.marker(d.range);
      if (d.init.startsWith('const ')) out.line(d.init);
      else out.line(`const ${d.name} = ${d.init};`);
    }
  }
}

function bare(name: string): string {
  return name.replace(/^type /, '');
}
