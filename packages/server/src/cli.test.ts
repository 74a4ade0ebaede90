import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from './node/data-dir-lock.js';
import { getJson, runServerCli, spawnServerCli, startServerCli, whileRunning } from './test/server-cli.js';

// Real processes: the built `nexus-server` on temporary data folders, on loopback ports it picks.

const folders: string[] = [];
const newDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'nexus-cli-'));
  folders.push(dir);
  return dir;
};
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const createdKey = (stdout: string) => /The key, shown once:\s+(nxc_(?:test|live)_[0-9A-Za-z]{32,})/.exec(stdout)?.[1];

describe('every bad command line is refused with exit code 2 and a message naming the problem, before anything is opened', () => {
  const cases: [string[], RegExp, Record<string, string>?][] = [
    [['keys', 'create', '--plan', 'platinum'], /--plan must be one of starter, growth, enterprise; got "platinum"/],
    [['keys', 'create', '--mode', 'prod'], /--mode must be one of test, live; got "prod"/],
    [['keys', 'create', '--expires-at', 'yesterday'], /--expires-at must be an ISO 8601 date .*got "yesterday"/],
    [['keys', 'create', '--expires-at', '2020-01-31T00:00:00Z'], /--expires-at must be in the future/],
    [['keys', 'create', '--scopes', 'products:read,products:fly'], /--scopes has unknown scopes products:fly/],
    [['keys', 'create', '--scopes', ','], /--scopes must name at least one scope/],
    [['keys', 'create', '--ip', '10.0.0.0/33'], /--ip takes IPv4 or IPv6 CIDR blocks .*got 10\.0\.0\.0\/33/],
    [['keys', 'create', '--batch-limit', '0'], /--batch-limit takes a whole number from 1 to 1000; got "0"/],
    [['keys', 'create', '--batch-limit', 'many'], /--batch-limit takes a whole number from 1 to 1000; got "many"/],
    [['keys', 'create', '--name', ''], /--name must be a non-empty text/],
    [['keys', 'create', '--account', 'bob'], /--account takes an account id/],
    [['keys', 'list', '--account', 'bob'], /--account takes an account id/],
    [['keys', 'create', '--memory'], /keys create takes no --memory: key commands reach the server running on --data-dir/],
    [['keys', 'revoke'], /keys revoke takes one key id or prefix/],
    [['keys', 'rotate'], /Unknown command "keys rotate"/],
    [['serve'], /Unknown command "serve"/],
    [['start', '--port', '70000'], /--port takes a whole number from 0 to 65535; got "70000"/],
    [['start', '--port', 'http'], /--port takes a whole number from 0 to 65535; got "http"/],
    [['start', '--port'], /--port <value>' argument missing/],
    [['start', '--workers', '0'], /--workers takes a whole number from 1 to 64; got "0"/],
    [['start', '--host', 'local host'], /--host takes an address or host name/],
    [['start', '--role', 'boss'], /--role takes all, api or worker; got "boss"/],
    [['start'], /--role takes all, api or worker; got "both"/, { NEXUS_ROLE: 'both' }],
    [['worker'], /NEXUS_JOB_LEASE_MS takes whole milliseconds/, { NEXUS_JOB_LEASE_MS: 'soon' }],
    [['start', '--plan', 'growth'], /start does not take --plan/],
    [['start', '--bogus'], /Unknown option '--bogus'/],
    [['start', 'now'], /start takes no argument "now"/],
    [['migrate', '--data-dir', ''], /--data-dir takes a folder/],
    [['start', '--memory'], /--memory and DATABASE_URL exclude each other/, { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }],
  ];
  it.each(cases)('nexus-server %j', async (args, message, env) => {
    const dataDir = join(newDataDir(), 'untouched');
    const { code, stdout, stderr } = await runServerCli([...(args.includes('--data-dir') ? [] : ['--data-dir', dataDir]), ...args], env);
    expect({ code, stderr }).toMatchObject({ code: 2, stderr: expect.stringMatching(message) });
    expect(stderr).toContain('Run nexus-server --help for the usage.');
    expect(stdout).not.toMatch(/nxc_/);
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('one process per PGlite folder, and key commands that go through the running server', () => {
  const dataDir = newDataDir();
  let server: Awaited<ReturnType<typeof startServerCli>>;

  it('the first start seeds the demo data and prints a growth key that lists it', async () => {
    server = await startServerCli(['--data-dir', dataDir]);
    expect(server.key).toBeDefined();
    expect(server.run.stdout).toContain(`curl -H "Authorization: Bearer ${server.key}" "${server.url}/v1/products?limit=3"`);
    const products = await getJson(`${server.url}/v1/products?include_total=true&limit=5`, server.key!);
    expect(products.status).toBe(200);
    expect(products.body.meta.total).toBe(300);
    expect(products.body.data[0].sku).toMatch(/^[A-Z]{3}-\d{5}$/);
    expect((await getJson(`${server.url}/v1/customers?include_total=true`, server.key!)).body.meta.total).toBe(40);
    expect((await getJson(`${server.url}/v1/orders?include_total=true`, server.key!)).body.meta.total).toBe(30);
    const me = await getJson(`${server.url}/v1/me`, server.key!);
    expect(me.body.data).toMatchObject({ mode: 'test', plan: 'growth' });
    // The seed's own endpoint lives only in the mock; a real server would retry it forever.
    expect((await getJson(`${server.url}/v1/webhooks`, server.key!)).body.data).toEqual([]);
  }, 180_000);

  it('a second start on the folder fails at once, naming the process that holds it', async () => {
    const second = await runServerCli(['start', '--port', '0', '--data-dir', dataDir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`is in use by PID ${server.run.child.pid} (nexus-server start, pglite`);
    expect(second.stdout).not.toMatch(/nxc_|listening/);
    // The running server did not notice.
    expect((await getJson(`${server.url}/v1/me`, server.key!)).status).toBe(200);
  }, 60_000);

  it('keys create while it runs prints a key the running server accepts', async () => {
    const created = await runServerCli(['keys', 'create', '--data-dir', dataDir, '--plan', 'enterprise', '--scopes', 'products:read', '--name', 'reader']);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`on the running server (PID ${server.run.child.pid})`);
    const key = createdKey(created.stdout)!;
    const me = await getJson(`${server.url}/v1/me`, key);
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ plan: 'enterprise', scopes: ['products:read'] });
    expect((await getJson(`${server.url}/v1/products?limit=1`, key)).status).toBe(200);
    expect((await getJson(`${server.url}/v1/customers?limit=1`, key)).status).toBe(403);
  }, 60_000);

  it('keys revoke takes the prefix exactly as keys list prints it', async () => {
    const key = createdKey((await runServerCli(['keys', 'create', '--data-dir', dataDir, '--name', 'short-lived'])).stdout)!;
    const listed = await runServerCli(['keys', 'list', '--data-dir', dataDir]);
    expect(listed.code).toBe(0);
    const row = listed.stdout.split('\n').find((line) => line.includes(key.slice(0, 17)))!;
    const prefix = row.split('\t')[1]!;
    expect(prefix).toBe(`${key.slice(0, 17)}…`);
    const revoked = await runServerCli(['keys', 'revoke', prefix, '--data-dir', dataDir]);
    expect(revoked).toMatchObject({ code: 0, stdout: expect.stringContaining(`Revoked ${prefix}`) });
    expect((await getJson(`${server.url}/v1/me`, key)).status).toBe(401);
    const again = await runServerCli(['keys', 'revoke', prefix, '--data-dir', dataDir]);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining(`No active key ${prefix}`) });
  }, 60_000);

  it('after it stops the folder is free: key commands open it themselves, and a restart does not seed again', async () => {
    expect(await server.stop()).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    const listed = await runServerCli(['keys', 'list', '--data-dir', dataDir]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain('running server');
    expect(listed.stdout.split('\n').filter((line) => line.includes('\trevoked\t'))).toHaveLength(1);
    await whileRunning(startServerCli(['--data-dir', dataDir]), async (restarted) => {
      expect(restarted.key).toBeUndefined();
      expect(restarted.run.stdout).toContain('The sandbox exists already');
      const products = await getJson(`${restarted.url}/v1/products?include_total=true&limit=1`, server.key!);
      expect(products.body.meta.total).toBe(300);
    });
  }, 180_000);
});

describe('memory mode', () => {
  it('--empty starts with no data, and keys create issues working keys through the running server', async () => {
    const dataDir = newDataDir();
    await whileRunning(startServerCli(['--memory', '--empty', '--data-dir', dataDir]), async (server) => {
      expect(server.run.stdout).toContain('The sandbox is empty (--empty).');
      const products = await getJson(`${server.url}/v1/products?include_total=true`, server.key!);
      expect(products).toMatchObject({ status: 200, body: { data: [], meta: { total: 0 } } });
      const created = await runServerCli(['keys', 'create', '--data-dir', dataDir, '--mode', 'live']);
      expect(created.code).toBe(0);
      const key = createdKey(created.stdout)!;
      expect(key).toMatch(/^nxc_live_/);
      expect((await getJson(`${server.url}/v1/me`, key)).body.data).toMatchObject({ mode: 'live' });
      // Without the token from the folder's lock file the admin route is an unknown path like any other.
      const guessed = await fetch(`${server.url}/_admin/keys`, {
        method: 'POST',
        headers: { authorization: 'Bearer guessed', 'content-type': 'application/json' },
        body: JSON.stringify({ command: 'create', settings: { mode: 'test' } }),
      });
      expect(guessed.status).toBe(404);
      expect(await guessed.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
      // A second memory server on the folder would leave key commands guessing which one they reach.
      const second = await runServerCli(['start', '--memory', '--port', '0', '--data-dir', dataDir]);
      expect(second).toMatchObject({ code: 1, stderr: expect.stringContaining('(nexus-server start, memory') });
    });
  }, 120_000);
});

describe('locks left behind and ports taken', () => {
  it('a lock whose process is gone is taken over, saying so', async () => {
    const dataDir = newDataDir();
    // A PID far above any the kernel hands out (pid_max is at most 2^22) belongs to no process.
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 17, command: 'start', store: 'pglite', started_at: '2026-01-01T00:00:00.000Z' }));
    const listed = await runServerCli(['keys', 'list', '--data-dir', dataDir]);
    expect(listed.code).toBe(0);
    expect(listed.stderr).toContain(`took over the lock of ${dataDir} from PID ${2 ** 22 + 17} (nexus-server start), which is no longer running`);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  }, 60_000);

  it('a holder that takes no key commands (a worker) is a refusal naming it, and nothing is opened', async () => {
    const dataDir = newDataDir();
    await whileRunning(spawnServerCli(['worker', '--data-dir', dataDir]), async (worker) => {
      await worker.waitFor(/worker running/);
      const refused = await runServerCli(['keys', 'create', '--data-dir', dataDir]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`is in use by PID ${worker.child.pid} (nexus-server worker), which takes no key commands`);
      expect(refused.stdout).not.toMatch(/nxc_/);
    });
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  }, 60_000);

  it('a port in use is a message and exit code 1, and the folder is left free', async () => {
    await whileRunning(startServerCli(['--memory', '--empty', '--data-dir', newDataDir()]), async (holder) => {
      const dataDir = newDataDir();
      const port = new URL(holder.url).port;
      const second = await runServerCli(['start', '--memory', '--empty', '--port', port, '--data-dir', dataDir]);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    });
  }, 60_000);
});
