import { describe, expect, it } from 'vitest';
import { frameText, readCapture } from '../../src/venues/shared/capture.ts';

describe('readCapture: JSON lines of frames received and commands sent', () => {
  it('reads frames (JSON or text) and commands in order, skipping blank lines', () => {
    const text = [
      '{"sent":{"id":1,"cmd":"subscribe","params":{"channels":["orderbook_delta"]}}}',
      '',
      '{"receivedMs":1700000000000,"frame":{"type":"subscribed","id":1,"msg":{"sid":1}}}',
      '{"receivedMs":1700000000005,"frame":"PONG"}',
    ].join('\n');
    const r = readCapture(text);
    expect(r.errors).toEqual([]);
    expect(r.lines).toEqual([
      {
        kind: 'sent',
        line: 1,
        command: { id: 1, cmd: 'subscribe', params: { channels: ['orderbook_delta'] } },
      },
      {
        kind: 'frame',
        line: 3,
        receivedMs: 1_700_000_000_000,
        frame: { type: 'subscribed', id: 1, msg: { sid: 1 } },
      },
      { kind: 'frame', line: 4, receivedMs: 1_700_000_000_005, frame: 'PONG' },
    ]);
    expect(frameText(r.lines[1]!.kind === 'frame' ? r.lines[1]!.frame : '')).toBe(
      '{"type":"subscribed","id":1,"msg":{"sid":1}}',
    );
  });

  it('names each malformed line, skips it and keeps reading', () => {
    const text = [
      '{"receivedMs":1,"frame":{"a":1}}',
      '{"receivedMs":2,"frame":',
      '{"receivedMs":"soon","frame":{}}',
      '{"frame":{}}',
      '[1,2]',
      '{"receivedMs":3,"frame":{"b":2},"extra":true}',
      '{"receivedMs":4,"frame":{"c":3}}',
    ].join('\n');
    const r = readCapture(text);
    expect(r.lines.map((l) => l.line)).toEqual([1, 7]);
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
    expect(r.errors[0]!.message).toMatch(/^not JSON/);
    expect(r.errors[1]!.message).toMatch(/receivedMs/);
  });
});
