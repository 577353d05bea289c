// The registrar module as the generated code calls it: one instance per script, bound to the
// usrloc instance and the registrar modparams.
import type { Usrloc } from '../usrloc/index.js';
import { DEFAULT_REGISTRAR_CONFIG, type RegistrarConfig } from './config.js';
import { lookup } from './lookup.js';
import type { LookupTarget, RegisterContext, RequestView, SendReply } from './ports.js';
import { registered, unregister } from './registered.js';
import { save } from './save.js';
import { parseSaveFlags } from './save-flags.js';

export interface SaveIo {
  reply: SendReply;
  context?: RegisterContext;
}

export class Registrar {
  readonly config: RegistrarConfig;

  constructor(
    private readonly usrloc: Usrloc,
    config: Partial<RegistrarConfig> = {},
  ) {
    this.config = { ...DEFAULT_REGISTRAR_CONFIG, ...config };
  }

  /** save(table[, flags[, uri]]): flags are a K3+ int bitmask or an OpenSIPS letter string. */
  save(
    table: string,
    request: RequestView,
    io: SaveIo,
    flags?: number | string,
    uri?: string,
  ): Promise<number> {
    return save({
      domain: this.usrloc.domain(table),
      config: this.config,
      now: this.usrloc.clock.now(),
      request,
      context: io.context ?? {},
      flags: parseSaveFlags(flags),
      ...(uri !== undefined && uri !== '' ? { uri } : {}),
      reply: io.reply,
    });
  }

  /** lookup(table[, uri]); OpenSIPS `lookup(table, flags[, uri])` flags `b` and `m` via options. */
  lookup(table: string, target: LookupTarget, uri?: string, opts: { flags?: string } = {}): Promise<number> {
    const flags = opts.flags ?? '';
    return lookup({
      domain: this.usrloc.domain(table),
      config: this.config,
      now: this.usrloc.clock.now(),
      target,
      ...(uri !== undefined && uri !== '' ? { uri } : {}),
      noBranches: flags.includes('b'),
      methodFiltering: flags.includes('m'),
    });
  }

  /** registered(table[, uri]): uri defaults to the R-URI the caller passes. */
  registered(table: string, uri: string, callid?: string): Promise<number> {
    return registered({
      domain: this.usrloc.domain(table),
      config: this.config,
      now: this.usrloc.clock.now(),
      uri,
      ...(callid !== undefined ? { callid } : {}),
    });
  }

  unregister(table: string, uri: string, ruid?: string): Promise<number> {
    return unregister({
      domain: this.usrloc.domain(table),
      config: this.config,
      now: this.usrloc.clock.now(),
      uri,
      ...(ruid !== undefined && ruid !== '' ? { ruid } : {}),
    });
  }
}
