import { describe, expect, it } from 'vitest';
import { createPacer } from './rate-limit.js';
import { FakeClock } from './testing/fake-clock.js';

const START = Date.parse('2026-03-01T10:00:00Z');
/** The headers the API puts on every answer: the tighter window's limit, what is left, when it resets. */
const limitHeaders = (remaining: number, resetInS: number, serverNow = START) =>
  new Headers({
    'x-ratelimit-limit': '60',
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(Math.ceil(serverNow / 1000) + resetInS),
    date: new Date(serverNow).toUTCString(),
  });

function setup() {
  const clock = new FakeClock(START);
  const pacer = createPacer(clock);
  const waits: number[] = [];
  const ready = () => pacer.ready(undefined, (ms) => waits.push(ms));
  return { clock, pacer, waits, ready };
}

describe('rate-limit pacer', () => {
  it('lets requests go while nothing is known, or while the window has room', async () => {
    const { pacer, waits, ready } = setup();
    await ready();
    pacer.sent();
    pacer.settled(limitHeaders(3, 40));
    await ready();
    expect(waits).toEqual([]);
  });

  it('waits until the reset the server announced once the window is spent', async () => {
    const { clock, pacer, waits, ready } = setup();
    pacer.sent();
    pacer.settled(limitHeaders(0, 40));
    await ready();
    expect(waits).toEqual([40_000]);
    expect(clock.now()).toBe(START + 40_000);
  });

  it("reads the reset against the server's Date, not the client's clock", async () => {
    const { clock, pacer, waits, ready } = setup();
    // The server's clock is 25 s behind ours: its reset, 40 s from its now, is 40 s from ours too.
    pacer.sent();
    pacer.settled(limitHeaders(0, 40, START - 25_000));
    await ready();
    expect(waits).toEqual([40_000]);
    expect(clock.now()).toBe(START + 40_000);
  });

  it('counts the requests still in flight as spent', async () => {
    const { pacer, waits, ready } = setup();
    for (let i = 0; i < 3; i++) pacer.sent();
    // The first answer says 2 are left, but two more requests are on their way.
    pacer.settled(limitHeaders(2, 30));
    await ready();
    expect(waits).toEqual([30_000]);
  });

  it('spends the window locally between answers', async () => {
    const { pacer, waits, ready } = setup();
    pacer.sent();
    pacer.settled(limitHeaders(2, 30));
    pacer.sent();
    pacer.sent();
    await ready();
    expect(waits).toEqual([30_000]);
  });

  it('ignores a late answer from an earlier window', async () => {
    const { pacer, waits, ready } = setup();
    pacer.sent();
    pacer.sent();
    pacer.settled(limitHeaders(0, 90)); // the newer window: spent
    pacer.settled(limitHeaders(50, 20)); // a slow answer from the window before
    await ready();
    expect(waits).toEqual([90_000]);
  });

  it('holds everything for the Retry-After of a 429', async () => {
    const { pacer, waits, ready } = setup();
    pacer.hold(12_000);
    await ready();
    expect(waits).toEqual([12_000]);
  });

  it('stops waiting when the signal aborts', async () => {
    const { clock, pacer } = setup();
    pacer.hold(60_000);
    const controller = new AbortController();
    clock.onTimer = () => controller.abort(new Error('shutting down'));
    await expect(pacer.ready(controller.signal)).rejects.toThrow('shutting down');
  });
});
