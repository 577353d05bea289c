import { afterEach, describe, expect, it } from 'vitest';
import {
  is_maxfwd_lt,
  maxfwdParams,
  mf_process_maxfwd_header,
} from '../../../runtime/modules/maxfwd/index.js';
import { makeCtx, requestText } from '../helpers.js';

const withMf = (value: string | undefined) => {
  const text = requestText().replace(
    'Max-Forwards: 70\r\n',
    value === undefined ? '' : `Max-Forwards: ${value}\r\n`,
  );
  return makeCtx({ text });
};
const sentMf = (ctx: ReturnType<typeof makeCtx>) =>
  /Max-Forwards: (\d+)/.exec(ctx.msg.serialize().toString())?.[1];

afterEach(() => {
  maxfwdParams.maxLimit = 70;
});

describe('mf_process_maxfwd_header', () => {
  it('returns 2 and adds the header when absent', () => {
    const ctx = withMf(undefined);
    expect(mf_process_maxfwd_header(ctx, 10)).toBe(2);
    expect(sentMf(ctx)).toBe('10');
  });

  it('returns 1 and decrements when present', () => {
    const ctx = withMf('5');
    expect(mf_process_maxfwd_header(ctx, 10)).toBe(1);
    expect(sentMf(ctx)).toBe('4');
    expect(mf_process_maxfwd_header(ctx, 10)).toBe(1);
    expect(sentMf(ctx)).toBe('4');
  });

  it('returns -1 at 0 (the script replies 483)', () => {
    expect(mf_process_maxfwd_header(withMf('0'), 10)).toBe(-1);
  });

  it('caps the forwarded value at max_limit', () => {
    maxfwdParams.maxLimit = 16;
    const ctx = withMf('70');
    expect(mf_process_maxfwd_header(ctx, 10)).toBe(1);
    expect(sentMf(ctx)).toBe('16');
  });

  it('returns -2 for a bad max argument when it has to add the header', () => {
    expect(mf_process_maxfwd_header(withMf(undefined), 300)).toBe(-2);
  });

  it('is_maxfwd_lt sees the processed value; -2 when missing', () => {
    const ctx = withMf('3');
    expect(is_maxfwd_lt(ctx, 3)).toBe(-1);
    mf_process_maxfwd_header(ctx, 10);
    expect(is_maxfwd_lt(ctx, 3)).toBe(1);
    expect(is_maxfwd_lt(withMf(undefined), 3)).toBe(-2);
  });
});
