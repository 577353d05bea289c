// Differential test against the real Kamailio (`kamailio -c`) where it is installed: core-grammar
// snippets that Kamailio accepts must pass `serc check` without errors, and snippets it rejects
// (syntax, constant types, duplicate routes) must give serc errors too. Skipped with a message
// when kamailio is absent.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScript } from '../../compiler/check.js';
import { parseFile } from '../../compiler/frontend.js';

const MODULE_DIR = '/usr/lib/x86_64-linux-gnu/kamailio/modules';
const which = spawnSync('sh', ['-c', 'command -v kamailio'], { encoding: 'utf8' });
const KAMAILIO = which.status === 0 ? which.stdout.trim() : '';
const AVAILABLE = KAMAILIO !== '' && existsSync(join(MODULE_DIR, 'pv.so'));
const ABSENT_MESSAGE = `kamailio or its modules (${MODULE_DIR}) are not installed: the kamailio -c comparison is not run`;

const MODULES = ['pv', 'xlog', 'sl', 'tm', 'textops']
  .map((m) => `loadmodule "${MODULE_DIR}/${m}.so"`)
  .join('\n');

/** [route body, extra top-level text, does Kamailio accept it] */
const SNIPPETS: [string, string, boolean][] = [
  ['if (method=="INVITE") { drop; }\nexit;', '', true],
  ['$var(x) = 1 + 2 * 3 - (4 mod 3);', '', true],
  ['if ($rU =~ "^1" && !($rd == "a")) exit;', '', true],
  ['switch ($rU) {\n case "a": break;\n case /"^b": exit;\n default: drop;\n}', '', true],
  ['while ($var(i) < 3) { $var(i) = $var(i) + 1; }', '', true],
  ['if (src_ip == 10.0.0.0/8) exit;', '', true],
  ['$var(s) = "a" "b";\nxlog("L_INFO", "$var(s)\\n");', '', true],
  ['if (strlen($rU) > 3 || strempty($rd)) exit;', '', true],
  ['if (defined $avp(x)) exit;', '', true],
  ['$var(x) = (int)"12";', '', true],
  ['if (uri==myself && !uri==myself) exit;', '', true],
  ['route(SUB);\nexit;', 'route[SUB] {\n  return 1;\n}', true],
  ['sl_send_reply("200", "OK");\nexit;', '', true],
  ['if (msg:len > 4096) drop;', '', true],
  ['if (!t_check_trans()) exit;\n$avp(x) = $null;', '', true],
  ['if ($var(a) & 4 == 4 ^ 1) exit;', '', true],
  ['if (method==CANCEL) exit;\n$ru = "sip:" + $rU + "@" + $rd;', '', true],
  ['force_rport;\nforward("1.2.3.4", 5060);', '', true],
  ['if (af==INET6 || proto==UDP || dst_port >= 5060) exit;', '', true],
  ['$var(x) = $(hdr(Via)[1]{s.len});\nif (($var(a) = 1)) exit;', '', true],
  ['switch ($var(x)) { case 1: case 2: exit; }\n$var(x) = selval(1, 2, 3);', '', true],
  ['if (!method=="REGISTER") exit;\n$var(x) = 0x1F + 017 + 101b;', '', true],
  ['$var(x) = ~1 << 2 >> 1;\n$var(x) = -$var(y);', '', true],
  ['if method=="INVITE" exit;', '', true],
  ['if (src_ip == 192.168.1.0/255.255.255.0 || dst_ip == [::1] || src_ip == ::1) exit;', '', true],
  ["$var(x) = 'single';\nif (1) exit; else if (2) drop; else exit;", '', true],
  ['if (method=="A") { exit; };\n$var(x) = 1; ;;', '', true],
  ['log(1, "x");\nstrip(2); prefix("00"); rewritehost("a.b");', '', true],
  ['if (1)\n/* c */\n{ exit; }', '', true],
  ['if (1) { } else { exit; }', '', false],
  ['switch ($var(x)) { case FOO: exit; }', '', false],
  ['if (a) exit;', '', false],
  ['if (1) exit', '', false],
  ['$var(x) = "a" + 1;\nif ("1" eq "1" || "a" == 1 || $var(a) eq 1 || "a" =~ 1) exit;', '', true],
  ['$var(x) = (str)1 + 2;\nif (1 ieq 1) exit;', '', true],
  ['$var(x) = 1 + "20";', '', false],
  ['$var(x) = "a" - 1;', '', false],
  ['$var(x) = "a" + 2 * "b";', '', false],
  ['if (1 eq "1") exit;', '', false],
  ['if ("1" ieq 1) exit;', '', false],
  ['if ($var(a) ieq "x") exit;', '', false],
  ['$var(x) = -"a";', '', false],
  ['if ("a" && 1) exit;', '', false],
  ['if (strlen(1)) exit;', '', false],
  ['if (1 =~ "b") exit;', '', false],
  ['exit;', 'route[X] { exit; }\nroute[X] { exit; }', false],
  ['exit;', 'onsend_route { route(A); }\nroute[A] { exit; }', false],
  ['xlog("L_INFO", "a")', '', false],
  ['$var(x) += 1;', '', false],
  ['if ($rU !~ "a") exit;', '', false],
  ['if (method=="INVITE" { exit; }', '', false],
  ['$var(x) = ;', '', false],
  ['exit;', 'route[E] {\n}', false],
  ['xlog("L_INFO", "a"))', '', false],
];

/** Whole files for the preprocessor and lexer: [text after the header and modules, accepted]. */
const FILES: [string, boolean][] = [
  ['#!define X\nroute {\nX\nexit;\n}\n', true],
  ['#!ifdef X\nroute { exit; }\n', false],
  ['#!ifdeff X\nroute { exit; }\n', true],
  ['// c\nroute { exit; } // d\n', true],
  ['/* a /* b */ c */\nroute { exit; }\n', true],
  ['route { exit; }\n#!ifdef X\n#!endif', false],
  ['#!subst "/FOO/bar/"\nroute { xlog("FOO"); exit; }\n', true],
  ['#!define A "x"\n#!define A "y"\nroute { exit; }\n', false],
  ['#!define A-B 1\nroute { exit; }\n', false],
  ['#!else\nroute { exit; }\n', true],
  ['#!endif\nroute { exit; }\n', false],
  ['route { xlog("a\nb"); exit; }\n', true],
  ['route { xlog("a); exit; }\n', false],
  ['route { $var(x) = "a" \n "b"; exit; }\n', true],
  ['#!define R exit;\nroute { R }\n', true],
  ['#!define C(x) x\nroute { exit; }\n', true],
  ['import_file "nope.cfg"\nroute { exit; }\n', true],
  ['include_file "nope.cfg"\nroute { exit; }\n', false],
  ['#!trydef X\n#!ifndef X\nbroken broken\n#!endif\nroute { exit; }\n', true],
  ['route { exit; }\n`\n', true],
];

/** Runs kamailio -c and serc (parse + check) on one file and compares both with the expected verdict. */
function compare(path: string, cwd: string, accepted: boolean): void {
  const kamailio = spawnSync(KAMAILIO, ['-c', '-f', path], { encoding: 'utf8', cwd });
  expect(kamailio.status === 0, `kamailio -c: ${kamailio.stderr.slice(-400)}`).toBe(accepted);
  const serc = parseFile(path);
  const diagnostics = [...serc.diagnostics, ...(serc.ast ? checkScript(serc.ast) : [])];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  expect(
    errors.length === 0,
    errors.map((e) => `${e.range.startLine}:${e.range.startColumn} ${e.message}`).join('; '),
  ).toBe(accepted);
}

describe.runIf(AVAILABLE)('serc check agrees with kamailio -c on the core language', () => {
  const dir = mkdtempSync(join(tmpdir(), 'serc-kam-'));
  SNIPPETS.forEach(([body, extra, accepted], i) => {
    it(`${accepted ? 'accepts' : 'rejects'}: ${body.replace(/\n/g, ' ').slice(0, 60)}`, () => {
      const path = join(dir, `s${i}.cfg`);
      writeFileSync(path, `#!KAMAILIO\n${MODULES}\nroute {\n${body}\n}\n${extra}\n`);
      compare(path, dir, accepted);
    });
  });
  FILES.forEach(([text, accepted], i) => {
    it(`${accepted ? 'accepts' : 'rejects'} file: ${text.replace(/\n/g, ' ').slice(0, 60)}`, () => {
      const path = join(dir, `f${i}.cfg`);
      writeFileSync(path, `#!KAMAILIO\n${MODULES}\n${text}`);
      compare(path, dir, accepted);
    });
  });
});

describe('kamailio availability', () => {
  it('says when the comparison cannot run', () => {
    if (!AVAILABLE) console.warn(ABSENT_MESSAGE);
    expect(ABSENT_MESSAGE).toContain('kamailio');
    expect(AVAILABLE).toBe(KAMAILIO !== '' && existsSync(join(MODULE_DIR, 'pv.so')));
  });
});
