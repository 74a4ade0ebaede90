import { describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/fake-clock.js';
import { withDeadline } from './clock.js';

const reasons = { onAbort: (cause: unknown) => new Error(`aborted: ${String(cause)}`), onTimeout: () => new Error('timed out') };
const never = () => new Promise<never>(() => {});

describe('withDeadline', () => {
  it('rejects at its deadline even if the work ignores its signal, and aborts that signal', async () => {
    const clock = new FakeClock(0, false);
    let inner: AbortSignal | undefined;
    const call = withDeadline(undefined, 3_000, clock, reasons, (signal) => ((inner = signal), never()));
    clock.advance(2_999);
    expect(inner?.aborted).toBe(false);
    clock.advance(1);
    await expect(call).rejects.toThrow('timed out');
    expect(inner?.aborted).toBe(true);
  });

  it('rejects at once with the mapped reason when the parent aborts', async () => {
    const clock = new FakeClock(0, false);
    const parent = new AbortController();
    let inner: AbortSignal | undefined;
    const call = withDeadline(parent.signal, 60_000, clock, reasons, (signal) => ((inner = signal), never()));
    parent.abort('user');
    await expect(call).rejects.toThrow('aborted: user');
    expect(inner?.aborted).toBe(true);
  });

  it('clears its timer and lets go of the parent once the work is done', async () => {
    const clock = new FakeClock(0, false);
    const parent = new AbortController();
    const heard: string[] = [];
    const spying = { onAbort: () => heard.push('abort'), onTimeout: () => heard.push('timeout') };
    expect(await withDeadline(parent.signal, 60_000, clock, spying, async () => 'ok')).toBe('ok');
    clock.advance(120_000);
    parent.abort('later');
    expect(heard).toEqual([]);
  });
});
