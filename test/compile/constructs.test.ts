// The generator makes the dialect's semantics explicit: every construct becomes a runtime helper
// call with its meaning spelled out, and the result type-checks against the runtime.
import { afterAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../compiler/frontend.js';
import { generateTypeScript } from '../../compiler/pipeline.js';
import { ScratchDir } from './helpers.js';

const scratch = new ScratchDir();
afterAll(() => scratch.dispose());

const KAMAILIO = `#!KAMAILIO
loadmodule "sl.so"
loadmodule "tm.so"
loadmodule "pv.so"
loadmodule "textops.so"
loadmodule "xlog.so"
request_route {
  $var(n) = $var(n) + 1;
  $var(s) = "a" + 1;
  $avp(x) = 1;
  $(avp(x)[*]) = 2;
  if ($var(s) == "a1" && $var(n) > 0) {
    setflag(3);
  }
  if (method == "INVITE" || uri =~ "^sip:1[0-9]+@") {
    route(R);
  }
  if (src_ip == 10.0.0.0/8) {
    drop;
  }
  if (route(R)) {
    xlog("L_INFO", "yes $rU\\n");
  }
  switch ($rU) {
    case "100":
      sl_send_reply("404", "Gone");
      break;
    default:
      $var(i) = 0;
      while ($var(i) < 3) {
        $var(i) = $var(i) + 1;
      }
  }
  if (!is_method("MESSAGE")) {
    exit;
  }
  t_relay();
}
route[R] {
  if (uri == myself) {
    return -1;
  }
  break;
}
`;

function generate(name: string, text: string) {
  const path = scratch.write(name, text);
  const fe = parseFile(path);
  if (!fe.ast) throw new Error('no AST');
  return generateTypeScript(fe.ast, path, name.replace(/\.cfg$/, ''));
}

describe('generated Kamailio constructs', () => {
  const gen = generate('constructs.cfg', KAMAILIO);
  const ts = gen.text;

  it('type-check with no diagnostics', () => {
    expect(gen.diagnostics).toEqual([]);
  });

  it('spell out left-operand coercion, comparisons and regexes', () => {
    expect(ts).toContain('pv_1.set(ctx, plus(pv_1.get(ctx), 1));');
    expect(ts).toContain('plus("a", 1)');
    expect(ts).toMatch(/looseEquals\(pv_\d+\.get\(ctx\), "a1"\) && compare\('>', pv_1\.get\(ctx\), 0\)/);
    expect(ts).toContain('methodIs(ctx, toStr("INVITE"))');
    expect(ts).toMatch(/const re_1 = compilePosixRegex\("\^sip:1\[0-9\]\+@", \{ icase: true \}\);/);
    expect(ts).toContain('ipMatches(ctx.rcv.srcIp, "10.0.0.0/8")');
    expect(ts).toContain('uriIsMyself(ctx)');
  });

  it('make AVP push and replace visible', () => {
    expect(ts).toMatch(/\.set\(ctx, 1\); \/\/ pushes a new value on the AVP/);
    expect(ts).toMatch(/\.set\(ctx, 2\); \/\/ replaces every value of the AVP/);
  });

  it('make return codes, exit, drop, break and route() explicit', () => {
    expect(ts).toContain('callStmt(ctx, fn_setflag(ctx, 3));');
    expect(ts).toContain('if (truthy(routeResult(ctx, route_R(ctx)))) {');
    expect(ts).toContain('routeResult(ctx, route_R(ctx));');
    expect(ts).toContain('throw DROP;');
    expect(ts).toContain('throw EXIT;');
    expect(ts).toContain('return returnCode(-1);');
    // Kamailio: break outside a loop leaves the route, route() yields 0 without exiting.
    expect(ts).toMatch(/export function route_R\(ctx: RouteCtx<'request'>\): number \{[\s\S]*return 0;/);
    expect(ts).toContain('if ((!callCond(ctx, fn_is_method(ctx, "MESSAGE")))) {');
  });

  it('precompile formats, bound loops, and compile switch with fall-through', () => {
    expect(ts).toMatch(/const fmt_\d+ = compileFormat\("yes \$rU\\n", 'K3', 'xfmt'\);/);
    // xlog gets the format itself and evaluates it only for a line its level lets through.
    expect(ts).toMatch(/fn_xlog\(ctx, "L_INFO", fmt_\d+\)/);
    expect(ts).not.toMatch(/fn_xlog\([^;]*fmt_\d+\(ctx\)/);
    expect(ts).toContain('const guard = new LoopGuard(ctx.proc.maxWhileLoops);');
    expect(ts).toMatch(/const case_1 = looseEquals\(switch_1, "100"\) \? 0 : -1;/);
    expect(ts).toContain('switch (case_1) {');
  });

  it('is the same text when generated again', () => {
    expect(generate('constructs.cfg', KAMAILIO).text).toBe(ts);
  });
});

describe('SER 0.8 break', () => {
  it('leaves the route as success (1)', () => {
    const gen = generate(
      'ser08.cfg',
      `loadmodule "/usr/lib/ser/modules/sl.so"
route {
  if (method == "OPTIONS") { sl_send_reply("200", "OK"); break; };
  route(1);
}
route[1] {
  break;
}
`,
    );
    expect(gen.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(gen.text).toMatch(
      /export function route_1\(ctx: RouteCtx<'request'>\): number \{[\s\S]*return 1;/,
    );
  });
});

describe('one process, many scripts', () => {
  it('type-checks different scripts compiled under the same name independently', () => {
    const a = generate(
      'same.cfg',
      '#!KAMAILIO\nloadmodule "sl.so"\nrequest_route {\n  sl_send_reply("200", "OK");\n}\n',
    );
    const b = generate(
      'same.cfg',
      '#!KAMAILIO\nloadmodule "sl.so"\nloadmodule "tm.so"\nrequest_route {\n  if (!t_relay()) {\n    sl_reply_error();\n  }\n}\n',
    );
    const again = generate(
      'same.cfg',
      '#!KAMAILIO\nloadmodule "sl.so"\nrequest_route {\n  sl_send_reply("200", "OK");\n}\n',
    );
    expect([a.diagnostics, b.diagnostics, again.diagnostics]).toEqual([[], [], []]);
    expect(again.text).toBe(a.text);
    expect(b.text).toContain('fn_t_relay');
  }, 60_000);
});

describe('route kinds the engine does not run', () => {
  it('compile with a warning at the route name', () => {
    const text =
      '#!KAMAILIO\nloadmodule "sl.so"\nloadmodule "xlog.so"\nrequest_route {\n  sl_send_reply("200", "OK");\n}\nevent_route[tm:local-request] {\n  xlog("L_INFO", "x");\n}\n';
    const gen = generate('event.cfg', text);
    expect(gen.diagnostics.map((d) => [d.severity, d.code, d.range.startLine])).toEqual([
      ['warning', 'SERC5005', 7],
    ]);
    expect(gen.text).toContain('export function eventRoute_tm_local_request(');
  }, 60_000);
});

describe('subst expressions', () => {
  it('are parsed once at module level and passed to the function', () => {
    const text =
      '#!KAMAILIO\nloadmodule "sl.so"\nloadmodule "textops.so"\nrequest_route {\n  subst_uri("/^sip:([0-9]+)@(.*)$/sip:00\\\\1@\\\\2/i");\n  sl_send_reply("200", "OK");\n}\n';
    const gen = generate('subst.cfg', text);
    expect(gen.diagnostics).toEqual([]);
    expect(gen.text).toContain(
      `const subst_1 = parseSubst("/^sip:([0-9]+)@(.*)$/sip:00\\\\1@\\\\2/i", 'K3');`,
    );
    expect(gen.text).toContain('callStmt(ctx, fn_subst_uri(ctx, subst_1));');
  }, 60_000);
});
