// Statements: each is preceded by a `// file:line` marker; exit/drop are thrown sentinels that
// unwind nested route() calls, `break` is resolved to its meaning in the script's dialect, calls
// record $rc and stop the script on 0, AVP assignments push (or replace with `[*]`) via the PV.
import type { Assign, Block, Statement, Switch } from '../ast.js';
import type { EmitContext } from './emit-context.js';
import { GenerateError, intConstant } from './emit-context.js';
import { ExpressionEmitter } from './expressions.js';
import type { Output } from './output.js';

const SCRIPT = 'serc/runtime/core/script';
const CONTROL = `${SCRIPT}/control.js`;
const VALUES = `${SCRIPT}/values.js`;

const ASSIGN_INT_OPS: Record<string, string> = {
  '-=': '-',
  '*=': '*',
  '/=': '/',
  '%=': '%',
  '&=': '&',
  '|=': '|',
  '^=': '^',
};

export class StatementEmitter {
  private readonly x: ExpressionEmitter;
  private switchCount = 0;

  constructor(
    private readonly ec: EmitContext,
    private readonly out: Output,
  ) {
    this.x = new ExpressionEmitter(ec);
  }

  /** A route body; `break` outside loops leaves the route with `breakValue`. */
  body(block: Block): void {
    for (const s of block.body) this.statement(s);
  }

  statement(s: Statement): void {
    const out = this.out;
    const h = this.ec.hoist;
    if (s.kind === 'empty') return;
    if (s.kind === 'block') {
      out.block('', () => this.body(s));
      return;
    }
    out.marker(s.range);
    switch (s.kind) {
      case 'if':
        out.line(`if (${this.x.cond(s.condition)}) {`);
        out.indent(() => this.nested(s.then));
        if (s.else) {
          out.line('} else {');
          out.indent(() => this.nested(s.else as Statement));
        }
        out.line('}');
        return;
      case 'while': {
        const guard = h.use(CONTROL, 'LoopGuard');
        out.block('', () => {
          out.line(`// max_while_loops bounds the loop like the script engine does`);
          out.line(`const guard = new ${guard}(ctx.proc.maxWhileLoops);`);
          out.line(`while (${this.x.cond(s.condition)} && guard.next()) {`);
          out.indent(() => this.nested(s.body));
          out.line('}');
        });
        return;
      }
      case 'switch':
        this.switchStatement(s);
        return;
      case 'for':
        throw new GenerateError('for loops are not supported by the code generator yet', s.range);
      case 'return': {
        const rc = h.use(CONTROL, 'returnCode');
        if (!s.value) out.line(`return ${rc}(1);`);
        else if (intConstant(s.value) !== undefined) out.line(`return ${rc}(${intConstant(s.value)});`);
        else out.line(`return ${rc}(${h.use(VALUES, 'toInt')}(${this.x.value(s.value)}));`);
        return;
      }
      case 'exit':
        out.line(`throw ${h.use(CONTROL, 'EXIT')};`);
        return;
      case 'drop':
        out.line(`throw ${h.use(CONTROL, 'DROP')};`);
        return;
      case 'break':
        switch (s.meaning) {
          case 'leave-switch':
          case 'leave-loop':
            out.line('break;');
            return;
          case 'leave-route':
            // SER 0.8: the caller sees success; Kamailio/OpenSIPS: route() yields 0 without exiting.
            out.line(`return ${this.ec.dialect === 'S08' || this.ec.dialect === 'S0' ? 1 : 0};`);
            return;
          case 'return-zero':
            out.line('return 0;');
            return;
        }
        return;
      case 'assign':
        this.assign(s);
        return;
      case 'route-call':
        out.line(`${h.use(CONTROL, 'routeResult')}(ctx, ${this.x.routeCall(s)});`);
        return;
      case 'call':
        out.line(`${h.use(CONTROL, 'callStmt')}(ctx, ${this.x.call(s)});`);
        return;
    }
  }

  private nested(s: Statement): void {
    if (s.kind === 'block') this.body(s);
    else this.statement(s);
  }

  private assign(s: Assign): void {
    const h = this.ec.hoist;
    const pv = this.x.pv(s.target);
    const v = this.x.value(s.value);
    const note =
      s.target.form === 'avp'
        ? s.target.index === '*'
          ? ' // replaces every value of the AVP'
          : ' // pushes a new value on the AVP'
        : '';
    if (s.op === '=' || s.op === ':=') this.out.line(`${pv}.set(ctx, ${v});${note}`);
    else if (s.op === '+=')
      this.out.line(`${pv}.set(ctx, ${h.use(VALUES, 'plus')}(${pv}.get(ctx), ${v}));${note}`);
    else {
      const op = ASSIGN_INT_OPS[s.op];
      this.out.line(`${pv}.set(ctx, ${h.use(VALUES, 'intOp')}('${op}', ${pv}.get(ctx), ${v}));${note}`);
    }
  }

  /** `switch`: the first matching case (or default) is entered and falls through until `break`. */
  private switchStatement(s: Switch): void {
    const h = this.ec.hoist;
    const n = ++this.switchCount;
    const subject = `switch_${n}`;
    this.out.block('', () => {
      this.out.line(`const ${subject} = ${this.x.value(s.subject)};`);
      const tests: string[] = [];
      s.cases.forEach((c, i) => {
        if (!c.label) return;
        const test = c.regex
          ? `${this.x.regex(c.label)}.test(${h.use(VALUES, 'toStr')}(${subject}))`
          : `${h.use(VALUES, 'looseEquals')}(${subject}, ${this.x.value(c.label)})`;
        tests.push(`${test} ? ${i}`);
      });
      this.out.line(`const case_${n} = ${tests.length > 0 ? `${tests.join(' : ')} : -1` : '-1'};`);
      this.out.block(`switch (case_${n})`, () => {
        s.cases.forEach((c, i) => {
          this.out.marker(c.range);
          this.out.line(c.label ? `case ${i}: {` : 'default: {');
          this.out.indent(() => {
            for (const st of c.body) this.statement(st);
          });
          this.out.line('}');
        });
      });
    });
  }
}
