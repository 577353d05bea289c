import { describe, expect, it } from 'vitest';
import {
  breakResult,
  callCond,
  callStmt,
  DROP,
  EXIT,
  isScriptStop,
  LoopGuard,
  returnCode,
  routeResult,
  runRoute,
  runRouteAsync,
  truthy,
} from '../../runtime/core/script/control.js';

describe('return codes', () => {
  it('>0 true, <0 false', () => {
    expect(truthy(1)).toBe(true);
    expect(truthy(2)).toBe(true);
    expect(truthy(-1)).toBe(false);
  });

  it('callCond records $rc and booleanizes; 0 stops the script', () => {
    const ctx = { rc: 1 };
    expect(callCond(ctx, -2)).toBe(false);
    expect(ctx.rc).toBe(-2);
    expect(callCond(ctx, 3)).toBe(true);
    expect(ctx.rc).toBe(3);
    expect(() => callCond(ctx, 0)).toThrow(EXIT);
    expect(ctx.rc).toBe(0);
  });

  it('callStmt returns the raw code and stops on 0', () => {
    const ctx = { rc: 1 };
    expect(callStmt(ctx, -3)).toBe(-3);
    expect(() => callStmt(ctx, 0)).toThrow(EXIT);
  });

  it('return 0 exits, return n yields n, default 1', () => {
    expect(returnCode()).toBe(1);
    expect(returnCode(-2)).toBe(-2);
    expect(() => returnCode(0)).toThrow(EXIT);
  });

  it('route() results are not re-checked for 0 (break yields 0 = false without exit)', () => {
    const ctx = { rc: 1 };
    expect(routeResult(ctx, 0)).toBe(0);
    expect(ctx.rc).toBe(0);
  });
});

describe('exit / drop / break', () => {
  it('exit and drop are preallocated non-Error sentinels', () => {
    expect(EXIT).not.toBeInstanceOf(Error);
    expect(isScriptStop(EXIT)).toBe(true);
    expect(isScriptStop(new Error('x'))).toBe(false);
    expect(EXIT.drop).toBe(false);
    expect(DROP.drop).toBe(true);
  });

  it('exit unwinds nested routes; runRoute tells exit from drop from a normal end', () => {
    const trail: string[] = [];
    const sub = (): number => {
      trail.push('sub');
      throw EXIT;
    };
    const main = (): number => {
      sub();
      trail.push('after sub');
      return 1;
    };
    expect(runRoute(main)).toBe('exit');
    expect(trail).toEqual(['sub']);
    expect(
      runRoute(() => {
        throw DROP;
      }),
    ).toBe('drop');
    expect(runRoute(() => 1)).toBe('end');
    expect(() =>
      runRoute(() => {
        throw new Error('bug');
      }),
    ).toThrow('bug');
  });

  it('runRouteAsync handles awaited stops', async () => {
    await expect(runRouteAsync(async () => callStmt({ rc: 1 }, 0))).resolves.toBe('exit');
    await expect(runRouteAsync(async () => 1)).resolves.toBe('end');
  });

  it('break outside a loop: S08 returns success to the caller, K/S2/O yield 0 without exit', () => {
    expect(breakResult('S08')).toBe(1);
    expect(breakResult('S2')).toBe(0);
    expect(breakResult('K3')).toBe(0);
    expect(breakResult('O1')).toBe(0);
  });

  it('LoopGuard stops after max_while_loops iterations', () => {
    const g = new LoopGuard(3);
    let n = 0;
    while (g.next()) n++;
    expect(n).toBe(3);
  });
});
