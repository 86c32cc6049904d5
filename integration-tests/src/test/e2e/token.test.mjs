// A bearer token configured in etc/ is required on every MCP request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { prepareHome, startHttp, rawPost, INIT, connectHttp } from './harness.mjs';

let server;

before(async () => {
  const home = prepareHome();
  fs.appendFileSync(path.join(home, 'etc', 'dev.autonomy.mcp.http.cfg'), '\nbearerToken=s3cret-token\n');
  server = await startHttp(home);
});

after(async () => {
  await server?.stop();
});

test('no token or a wrong token gets 401; the right token is served', async () => {
  const none = await rawPost(server.url, INIT);
  assert.equal(none.status, 401);
  assert.match(none.headers.get('www-authenticate') ?? '', /Bearer/);
  const wrong = await rawPost(server.url, INIT, { authorization: 'Bearer nope' });
  assert.equal(wrong.status, 401);

  const { client } = await connectHttp(server.url, 'e2e-token', {
    headers: { Authorization: 'Bearer s3cret-token' },
  });
  const tools = await client.listTools();
  assert.ok(tools.tools.some((t) => t.name === 'server_status'));
  await client.close();
});

test('the health endpoint needs no token and reveals nothing', async () => {
  const r = await fetch(`${server.base}/health`);
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), { status: 'UP' });
});
