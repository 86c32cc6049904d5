// MCP over Streamable HTTP against the built distribution, with the real TypeScript SDK client.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { prepareHome, startHttp, exampleJar, waitFor, rawPost, INIT, assertNoInternals, connectHttp } from './harness.mjs';

let home;
let server;
let client;
let listChanged;

before(async () => {
  home = prepareHome();
  server = await startHttp(home);
  ({ client, listChanged } = await connectHttp(server.url, 'e2e-http'));
});

after(async () => {
  await client?.close().catch(() => {});
  await server?.stop();
});

const names = async () => (await client.listTools()).tools.map((t) => t.name);

test('lists tools and calls server_status', async () => {
  assert.ok((await names()).includes('server_status'));
  const r = await client.callTool({ name: 'server_status', arguments: {} });
  assert.notEqual(r.isError, true);
  assert.equal(typeof r.structuredContent.version, 'string');
  assert.ok(r.structuredContent.tools.some((t) => t.name === 'server_status'));
  assert.equal(typeof r._meta['dev.autonomy/requestId'], 'string');
});

test('hot deploy: a jar dropped into deploy/ appears with list_changed, and goes when deleted', async () => {
  const target = path.join(home, 'deploy', path.basename(exampleJar(home)));
  const before = listChanged();
  fs.copyFileSync(exampleJar(home), target);
  await waitFor('list_changed after deploy', () => listChanged() > before);
  await waitFor('text_word_count listed', async () => (await names()).includes('text_word_count'));
  const r = await client.callTool({ name: 'text_word_count', arguments: { text: 'a b\nc' } });
  assert.notEqual(r.isError, true);
  assert.equal(r.structuredContent.words, 3);
  assert.equal(r.structuredContent.lines, 2);

  const bad = await client.callTool({ name: 'text_word_count', arguments: { text: 5 } });
  assert.equal(bad.isError, true);
  assert.match(bad.content[0].text, /Invalid arguments for tool text_word_count/);

  const beforeRemoval = listChanged();
  fs.rmSync(target);
  await waitFor('list_changed after removal', () => listChanged() > beforeRemoval);
  await waitFor('text_word_count gone', async () => !(await names()).includes('text_word_count'));
});

test('a deployed plugin and context adapter take part in every call', async () => {
  const jar = exampleJar(home, 'pipeline-example-bundle');
  fs.copyFileSync(jar, path.join(home, 'deploy', path.basename(jar)));
  const r = await waitFor('the plugin\'s metadata in _meta', async () => {
    const res = await client.callTool({ name: 'server_status', arguments: {} });
    return res._meta?.['dev.autonomy/enhancements']?.argument_profile ? res : null;
  });
  assert.deepEqual(r._meta['dev.autonomy/enhancements'].argument_profile, { argumentNames: [], argumentCount: 0 });
  // which plugins and adapters run is the operator's business (mcp:status), not a client's
  assert.equal(r.structuredContent.plugins, undefined);
  assert.equal(r.structuredContent.contextAdapters, undefined);
});

test('an unknown tool is a protocol error, and the server keeps serving', async () => {
  await assert.rejects(client.callTool({ name: 'no_such_tool', arguments: {} }), /Unknown tool: no_such_tool/);
  assert.ok((await names()).includes('server_status'));
});

test('malformed JSON gets a JSON-RPC parse error without internals', async () => {
  const r = await rawPost(server.url, '{"jsonrpc": "2.0", "id": 1, "method": ');
  assert.equal(r.status, 400);
  const body = JSON.parse(r.text);
  assert.equal(body.error.code, -32700);
  assertNoInternals(assert, r.text);
  const shape = await rawPost(server.url, '{"hello": "world"}');
  assert.equal(shape.status, 400);
  assert.equal(JSON.parse(shape.text).error.code, -32600);
});

test('an unknown session gets 404 without internals', async () => {
  const r = await rawPost(server.url, JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }), {
    'mcp-session-id': 'no-such-session',
  });
  assert.equal(r.status, 404);
  assertNoInternals(assert, r.text);
});

test('a foreign Origin is refused with 403; a loopback origin is served', async () => {
  const evil = await rawPost(server.url, INIT, { origin: 'https://evil.example' });
  assert.equal(evil.status, 403);
  const local = await rawPost(server.url, INIT, { origin: `http://localhost:${server.port}` });
  assert.equal(local.status, 200);
  // fetch() will not send a foreign Host header (DNS rebinding looks like this); node:http will.
  const hostStatus = await new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port: server.port, path: '/mcp', method: 'POST',
      headers: { host: 'evil.example', 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    }, (res) => { res.resume(); resolve(res.statusCode); });
    req.on('error', reject);
    req.end(INIT);
  });
  assert.equal(hostStatus, 403);
});
