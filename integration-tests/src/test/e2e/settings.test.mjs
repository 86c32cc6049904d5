// Operator settings in etc/ take effect: pagination, idle session expiry; and one data folder per process.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { prepareHome, startHttp, exampleJar, waitFor, rawPost, freePort, INIT, assertNoInternals, connectHttp } from './harness.mjs';

let home;
let server;

before(async () => {
  home = prepareHome();
  fs.appendFileSync(path.join(home, 'etc', 'dev.autonomy.mcp.cfg'), '\npageSize=1\nsessionIdleTimeoutSeconds=1\n');
  fs.appendFileSync(path.join(home, 'etc', 'dev.autonomy.mcp.http.cfg'), '\nmaxBodyBytes=65536\n');
  fs.copyFileSync(exampleJar(home), path.join(home, 'deploy', path.basename(exampleJar(home))));
  server = await startHttp(home);
});

after(async () => {
  await server?.stop();
});

test('tools/list paginates with a cursor', async () => {
  const { client } = await connectHttp(server.url, 'e2e-pages');
  try {
    await waitFor('three tools', async () => {
      const names = [];
      let cursor;
      do {
        const page = await client.listTools(cursor ? { cursor } : {});
        assert.ok(page.tools.length <= 1, 'a page holds at most pageSize tools');
        names.push(...page.tools.map((t) => t.name));
        cursor = page.nextCursor;
      } while (cursor);
      return ['server_status', 'text_reverse', 'text_word_count'].every((n) => names.includes(n))
        && new Set(names).size === names.length;
    });
  } finally {
    await client.close();
  }
});

test('an idle session expires and its id is then unknown (404)', async () => {
  const init = await rawPost(server.url, INIT);
  assert.equal(init.status, 200);
  const session = init.headers.get('mcp-session-id');
  assert.ok(session);
  const list = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' });
  await waitFor('the idle session to be closed', async () => {
    // An idle session is swept after one to two timeouts; polling every few hundred ms keeps it active, so
    // only probe after a quiet period.
    await new Promise((r) => setTimeout(r, 2500));
    const r = await rawPost(server.url, list, { 'mcp-session-id': session });
    return r.status === 404;
  }, 20000);
});

test('a body over maxBodyBytes is refused with 413 without internals', async () => {
  // 100 kB fits in the socket buffers, so the client finishes writing before the server answers and closes.
  const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(100 * 1024) } });
  const r = await rawPost(server.url, big);
  assert.equal(r.status, 413);
  assert.equal(JSON.parse(r.text).error.message, 'Request too large (limit 65536 bytes)');
  assertNoInternals(assert, r.text);
});

test('a second process on the same data folder fails with one clear line', async () => {
  const port = await freePort();
  const r = spawnSync(path.join(home, 'bin', 'autonomy'), ['--headless', '--port', String(port)], {
    cwd: home, encoding: 'utf8', timeout: 60000,
  });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /data folder .* is in use by another process .*--data/);
  assert.doesNotMatch(r.stderr, /Exception|\tat /);
});
