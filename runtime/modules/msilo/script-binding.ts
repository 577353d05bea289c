// The msilo functions as a compiled script calls them: ScriptContext in, return code out.
import type { ScriptContext } from '../../core/script/context.js';
import { compileFormat, type Format } from '../../core/script/format.js';
import { compilePv, type PvRef } from '../../core/script/pv.js';
import type { Dialect } from '../types.js';
import type { Msilo } from './msilo.js';
import type { MsiloRequest } from './ports.js';

export interface MsiloAvps {
  /** msilo `extra_hdrs_avp`. */
  extraHdrsAvp?: string;
  /** msilo `snd_time_avp`. */
  sndTimeAvp?: string;
}

export class MsiloFunctions {
  private readonly formats = new Map<string, Format>();
  private readonly extraHdrsAvp: PvRef | undefined;
  private readonly sndTimeAvp: PvRef | undefined;

  constructor(
    readonly msilo: Msilo,
    private readonly dialect: Dialect,
    avps: MsiloAvps = {},
  ) {
    this.extraHdrsAvp = avps.extraHdrsAvp ? compilePv(avps.extraHdrsAvp) : undefined;
    this.sndTimeAvp = avps.sndTimeAvp ? compilePv(avps.sndTimeAvp) : undefined;
  }

  requestOf(ctx: ScriptContext): MsiloRequest {
    const str = (pv: PvRef | undefined): string | undefined => {
      const v = pv?.get(ctx);
      return typeof v === 'string' && v !== '' ? v : undefined;
    };
    const extra = str(this.extraHdrsAvp);
    const snd = str(this.sndTimeAvp);
    return {
      method: ctx.msg.method,
      originalRuri: ctx.originalRuri,
      newRuri: ctx.ruriChanged ? ctx.ruri : undefined,
      headers: (name) => ctx.msg.headerAll(name),
      headerFields: () => ctx.msg.headerFields(),
      body: ctx.msg.body,
      isFlagSet: (flag) => flag >= 0 && flag < 32 && (ctx.flags & (1 << flag)) !== 0,
      expand: (spve) => this.format(spve)(ctx),
      ...(extra !== undefined ? { extraHdrsAvp: extra } : {}),
      ...(snd !== undefined ? { sndTimeAvp: snd } : {}),
    };
  }

  /**
   * m_store in the dialect's form: SER/OpenSER take a mode ("0" new R-URI, "1" R-URI, "2" To);
   * Kamailio 3+ and OpenSIPS take an optional owner URI (already evaluated by the caller).
   */
  m_store(ctx: ScriptContext, arg?: string): Promise<number> {
    const req = this.requestOf(ctx);
    if (this.dialect === 'S0' || this.dialect === 'S08' || this.dialect === 'S2' || this.dialect === 'K1') {
      return this.msilo.storeSer(req, arg ?? '0');
    }
    return this.msilo.store(req, arg === '' ? undefined : arg);
  }

  m_dump(ctx: ScriptContext, owner?: string, maxMessages?: number): Promise<number> {
    return this.msilo.dump(this.requestOf(ctx), owner === '' ? undefined : owner, maxMessages);
  }

  private format(text: string): Format {
    let f = this.formats.get(text);
    if (!f) {
      f = compileFormat(text, this.dialect);
      this.formats.set(text, f);
    }
    return f;
  }
}
