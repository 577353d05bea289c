// listen= / --listen values → ListenSpec.
import { describe, expect, it } from 'vitest';
import { formatListenSpec } from '../../runtime/core/transport/errors.js';
import { parseListenSpec } from '../../runtime/core/transport/listen-spec.js';

describe('parseListenSpec', () => {
  it('reads proto:addr:port', () => {
    expect(parseListenSpec('tcp:127.0.0.1:5070')).toEqual({ proto: 'tcp', host: '127.0.0.1', port: 5070 });
    expect(parseListenSpec('UDP:10.0.0.1:5060')).toEqual({ proto: 'udp', host: '10.0.0.1', port: 5060 });
  });
  it('defaults to UDP and port 5060 (or the given default)', () => {
    expect(parseListenSpec('127.0.0.1')).toEqual({ proto: 'udp', host: '127.0.0.1', port: 5060 });
    expect(parseListenSpec('tcp:0.0.0.0', 5080)).toEqual({ proto: 'tcp', host: '0.0.0.0', port: 5080 });
  });
  it('accepts IPv6 in brackets, with or without a port, and bare IPv6', () => {
    expect(parseListenSpec('udp:[::1]:5062')).toEqual({ proto: 'udp', host: '::1', port: 5062 });
    expect(parseListenSpec('tcp:[2001:db8::1]')).toEqual({ proto: 'tcp', host: '2001:db8::1', port: 5060 });
    expect(parseListenSpec('::1')).toEqual({ proto: 'udp', host: '::1', port: 5060 });
  });
  it('accepts port 0 (any free port)', () => {
    expect(parseListenSpec('udp:127.0.0.1:0').port).toBe(0);
  });
  it('rejects bad ports and empty hosts with a message', () => {
    expect(() => parseListenSpec('udp:127.0.0.1:70000')).toThrow(/port must be 0\.\.65535/);
    expect(() => parseListenSpec('udp::5060')).toThrow(/empty host/);
    expect(() => parseListenSpec('udp:[::1:5060')).toThrow(/missing \]/);
  });
  it('formats back for messages', () => {
    expect(formatListenSpec({ proto: 'udp', host: '::1', port: 5060 })).toBe('udp:[::1]:5060');
  });
});
