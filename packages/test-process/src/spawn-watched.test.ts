import { describe, expect, it } from 'vitest';
import { runToEnd, spawnWatched } from './spawn-watched.js';

// Real Node processes: the scripts below are what the child runs.
const node = (script: string, options: Parameters<typeof spawnWatched>[2] = {}) => spawnWatched(process.execPath, ['-e', script], options);

describe('spawnWatched', () => {
  it('waits for a pattern on the stream asked for, keeps both streams, and resolves the exit code', async () => {
    const child = node(`process.stdout.write('port 4711\\n'); setTimeout(() => { console.error('ready'); process.exit(3); }, 200);`);
    const [, port] = await child.waitFor(/port (\d+)/, 'stdout');
    expect(port).toBe('4711');
    expect(await child.waitFor(/ready/, 'stderr')).toBeTruthy();
    expect(await child.exited).toBe(3);
    expect({ stdout: child.stdout, stderr: child.stderr }).toEqual({ stdout: 'port 4711\n', stderr: 'ready\n' });
  });

  it('looks only where it is told: a pattern on the other stream is not a match', async () => {
    const child = node(`console.log('only on stdout'); setTimeout(() => {}, 300);`, { waitOn: 'stderr', name: 'quiet' });
    await expect(child.waitFor(/only on stdout/)).rejects.toThrow('quiet exited 0 before printing /only on stdout/:\nonly on stdout\n\n');
    expect(await child.waitFor(/only on stdout/, 'both')).toBeTruthy();
  });

  it('rejects a wait, naming the process, the pattern and its output, when it exits first', async () => {
    const child = node(`console.error('boom'); process.exit(2);`, { name: 'tool --flag' });
    await expect(child.waitFor(/listening/)).rejects.toThrow(/^tool --flag exited 2 before printing \/listening\/:\n\nboom\n$/);
  });

  it('stop sends SIGTERM once: 128 + 15 for a process that does not handle it, its own code when it does', async () => {
    const plain = node(`console.log('up'); setInterval(() => {}, 1000);`);
    await plain.waitFor(/up/);
    expect(await plain.stop()).toBe(128 + 15);
    expect(await plain.stop()).toBe(128 + 15);
    const graceful = node(`process.on('SIGTERM', () => process.exit(0)); console.log('up'); setInterval(() => {}, 1000);`);
    await graceful.waitFor(/up/);
    expect(await graceful.stop()).toBe(0);
    const killed = node(`process.on('SIGTERM', () => {}); console.log('up'); setInterval(() => {}, 1000);`);
    await killed.waitFor(/up/);
    expect(await killed.stop('SIGKILL')).toBe(128 + 9);
  });

  it('writes stdin and closes it; without stdin the child reads an empty input', async () => {
    const echo = `let s = ''; process.stdin.on('data', (d) => (s += d)).on('end', () => console.log(JSON.stringify(s)));`;
    expect((await runToEnd(process.execPath, ['-e', echo], { stdin: 'a\nb' })).stdout).toBe('"a\\nb"\n');
    expect((await runToEnd(process.execPath, ['-e', echo])).stdout).toBe('""\n');
  });

  it('keeps only the tail of a long output when asked', async () => {
    const child = node(`for (let i = 0; i < 1000; i++) console.log('line ' + i);`, { tail: 20 });
    expect(await child.exited).toBe(0);
    const whole = Array.from({ length: 1000 }, (_, i) => `line ${i}\n`).join('');
    expect(child.stdout).toBe(whole.slice(-20));
  });

  it('a command that does not exist ends with 127 and says why on stderr, for a wait too', async () => {
    const missing = spawnWatched('nexus-no-such-command', ['x']);
    await expect(missing.waitFor(/never/)).rejects.toThrow(/^nexus-no-such-command x exited 127 before printing \/never\/:\n\nError: spawn nexus-no-such-command ENOENT/);
    expect(await missing.exited).toBe(127);
    expect(await missing.stop()).toBe(127);
  });

  it('settle: exit resolves when the process exits, though a child it left holds its output open', async () => {
    // The grandchild keeps the inherited stdout open for 30 s after its parent exited.
    const script = `const g = require('node:child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'inherit' }); g.unref(); console.log('grandchild ' + g.pid);`;
    const child = node(script, { settle: 'exit' });
    expect(await child.exited).toBe(0);
    const [, pid] = child.stdout.match(/grandchild (\d+)/)!;
    expect(() => process.kill(Number(pid), 0)).not.toThrow();
    process.kill(Number(pid), 'SIGKILL');
  });
});
