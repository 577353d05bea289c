// The 2001 SER rule table as an ordinary request route, so the generator needs no second code path:
// each `method_re uri_re host[:port]` line becomes
//   if (method =~ "method_re" && uri =~ "uri_re") { forward("host", port); break; }
// in table order — the first matching rule forwards statelessly, a request no rule matches is dropped.
import type { Expr, RouteBlock, Rule, Script, Statement } from '../ast.js';
import type { SourceRange } from '../source.js';

const DEFAULT_PORT = 5060;

function str(value: string, range: SourceRange): Expr {
  return { kind: 'string', value, text: JSON.stringify(value), quote: '"', range };
}

function matches(keyword: 'method' | 'uri', re: string, range: SourceRange): Expr {
  return {
    kind: 'binary',
    op: '=~',
    meaning: 'match',
    left: { kind: 'keyword', name: keyword, range },
    right: str(re, range),
    range,
  };
}

function ruleStatement(rule: Rule): Statement {
  const range = rule.range;
  const port = rule.port ?? DEFAULT_PORT;
  return {
    kind: 'if',
    condition: {
      kind: 'binary',
      op: '&&',
      meaning: 'logical-and',
      left: matches('method', rule.method, range),
      right: matches('uri', rule.uri, range),
      range,
    },
    then: {
      kind: 'block',
      body: [
        {
          kind: 'call',
          name: 'forward',
          nameRange: range,
          args: [str(rule.host, range), { kind: 'int', value: port, text: String(port), range }],
          parens: true,
          range,
        },
        { kind: 'break', meaning: 'leave-route', range },
      ],
      range,
    },
    range,
  };
}

/** The script with its rule lines replaced by one main request route (unchanged without rules). */
export function desugarRuleTable(script: Script): Script {
  const rules = script.items.filter((i): i is Rule => i.kind === 'rule');
  if (rules.length === 0) return script;
  const route: RouteBlock = {
    kind: 'route',
    routeKind: 'request',
    keyword: 'route',
    name: undefined,
    body: { kind: 'block', body: rules.map(ruleStatement), range: script.range },
    range: script.range,
  };
  return { ...script, items: [...script.items.filter((i) => i.kind !== 'rule'), route] };
}
