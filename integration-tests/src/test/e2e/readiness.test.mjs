// Ready means ready: a client that connects during start-up never sees a half-started server.
// Over stdio the first tools/list after initialize already holds the tools of every bundle in bundle/ and deploy/;
// over HTTP /mcp answers 503 with Retry-After (never 404) until then, and /health says STARTING, then UP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { prepareHome, exampleJar, freePort, connectHttp, INIT, assertNoInternals } from './harness.mjs';

// One tool of each kind of bundle: the foundation, agents (bundle/), governor (level 25), creator and learning
// (level 30, learning's tools used to come 250 ms after initialize), the example tool bundle and the echo agents
// (deploy/, started by FileInstall; the agents' tools are registered by the agent registry's own thread).
const EXPECTED = ['server_status', 'agent_list', 'autonomy_status', 'agent_create', 'learn_status',
  'text_word_count', 'agent_upper'];

function homeWithDeployedExamples() {
  const home = prepareHome();
  for (const name of ['text-tools-bundle', 'echo-agents-bundle']) {
    const jar = exampleJar(home, name);
    fs.copyFileSync(jar, path.join(home, 'deploy', path.basename(jar)));
  }
  return home;
}

/** Every tool of the first tools/list (all its pages), as the client's very first request after initialize. */
async function firstToolList(client) {
  const names = [];
  let cursor;
  do {
    const page = await client.listTools(cursor ? { cursor } : undefined);
    names.push(...page.tools.map((t) => t.name));
    cursor = page.nextCursor;
  } while (cursor);
  return names;
}

async function firstListOverStdio(home) {
  const client = new Client({ name: 'e2e-readiness', version: '1.0.0' });
  await client.connect(new StdioClientTransport({
    command: path.join(home, 'bin', 'autonomy'),
    args: ['--stdio'],
    cwd: home,
    stderr: 'ignore',
  }));
  try {
    return await firstToolList(client);
  } finally {
    await client.close();
  }
}

/** `bin/autonomy --headless` on a free port, without waiting for anything: the tests poll from exec. */
async function spawnHeadless(home) {
  const port = await freePort();
  const log = fs.openSync(path.join(home, `process-${port}.log`), 'a');
  const proc = spawn(path.join(home, 'bin', 'autonomy'), ['--headless', '--port', String(port)], {
    cwd: home,
    stdio: ['ignore', log, log],
  });
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  return { proc, exited, base: `http://127.0.0.1:${port}` };
}

test('stdio: the first tools/list after initialize holds the tools of every bundle in bundle/ and deploy/', async () => {
  const home = homeWithDeployedExamples();
  const fresh = await firstListOverStdio(home);
  for (const name of EXPECTED) assert.ok(fresh.includes(name), `${name} missing from the first list: ${fresh}`);
  // Again with the data folder kept: the deploy/ bundles now come from the framework's cache.
  const warm = await firstListOverStdio(home);
  for (const name of EXPECTED) assert.ok(warm.includes(name), `${name} missing from the first list: ${warm}`);
});

test('http: /mcp answers 503 with Retry-After, never 404, until ready; /health STARTING then UP', async () => {
  const { proc, exited, base } = await spawnHeadless(homeWithDeployedExamples());
  const post = (headers = {}) => fetch(`${base}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: INIT,
  });
  const mcp = [];
  const health = [];
  const foreign = [];
  try {
    const deadline = Date.now() + 60000;
    for (;;) {
      assert.ok(Date.now() < deadline, `not ready within 60 s; seen ${JSON.stringify(mcp.slice(-3))}`);
      assert.equal(proc.exitCode, null, 'the server exited');
      let r;
      try {
        r = await post();
      } catch {
        await new Promise((res) => setTimeout(res, 5)); // not listening yet
        continue;
      }
      mcp.push({ status: r.status, retryAfter: r.headers.get('retry-after'), type: r.headers.get('content-type'),
        body: await r.text() });
      const h = await fetch(`${base}/health`);
      health.push({ status: h.status, body: await h.text() });
      // The Origin check stays in front: a foreign page is refused whether or not the server is ready.
      const f = await post({ origin: 'https://evil.example' });
      foreign.push(f.status);
      await f.text();
      if (r.status === 200 && h.status === 200) break;
    }
  } finally {
    proc.kill('SIGTERM');
    await exited;
  }
  assert.deepEqual(mcp.filter((a) => a.status !== 503 && a.status !== 200), [], 'only 503, then 200');
  const firstOk = mcp.findIndex((a) => a.status === 200);
  assert.ok(mcp.slice(firstOk).every((a) => a.status === 200), 'once ready, ready');
  for (const a of mcp.filter((x) => x.status === 503)) {
    assert.equal(a.retryAfter, '1');
    assert.match(a.type, /application\/json/);
    assert.equal(JSON.parse(a.body).error.code, -32002);
    assertNoInternals(assert, a.body);
  }
  assert.ok(health.every((h) => (h.status === 503 && h.body === '{"status":"STARTING"}')
    || (h.status === 200 && h.body === '{"status":"UP"}')), JSON.stringify(health.filter((h) => h.status !== 200)));
  const firstUp = health.findIndex((h) => h.status === 200);
  assert.ok(health.slice(firstUp).every((h) => h.status === 200), 'UP stays UP');
  assert.ok(foreign.every((s) => s === 403), `foreign origin: ${foreign}`);
});

test('http: the first tools/list of a client that connects once /mcp answers holds every tool', async () => {
  const { proc, exited, base } = await spawnHeadless(homeWithDeployedExamples());
  const url = new URL(`${base}/mcp`);
  try {
    // A client that retries its connection as MCP clients do on 503; its first list must be complete.
    const deadline = Date.now() + 60000;
    let connected;
    while (!connected) {
      assert.ok(Date.now() < deadline, 'no connection within 60 s');
      connected = await connectHttp(url, 'e2e-readiness-http').catch(() => null);
      if (!connected) await new Promise((res) => setTimeout(res, 20));
    }
    try {
      const names = await firstToolList(connected.client);
      for (const name of EXPECTED) assert.ok(names.includes(name), `${name} missing from the first list: ${names}`);
    } finally {
      await connected.client.close();
    }
  } finally {
    proc.kill('SIGTERM');
    await exited;
  }
});

test('stdio: a bundle in deploy/ that never starts delays the server only up to readyTimeoutSeconds, then is named', async () => {
  const home = prepareHome();
  // A bundle whose import nobody exports: FileInstall installs it, it never resolves.
  const src = fs.mkdtempSync(path.join(os.tmpdir(), 'autonomy-broken-'));
  fs.writeFileSync(path.join(src, 'MANIFEST.MF'), 'Bundle-ManifestVersion: 2\nBundle-SymbolicName: broken-at-launch\n'
    + 'Bundle-Version: 1.0.0\nImport-Package: does.not.exist\n');
  fs.mkdirSync(path.join(src, 'empty'));
  const jarTool = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'jar') : 'jar';
  execFileSync(jarTool, ['--create', '--file', path.join(home, 'deploy', 'broken-at-launch.jar'),
    '--manifest', path.join(src, 'MANIFEST.MF'), '-C', path.join(src, 'empty'), '.']);
  fs.rmSync(src, { recursive: true, force: true });
  fs.appendFileSync(path.join(home, 'etc', 'dev.autonomy.mcp.cfg'), '\nreadyTimeoutSeconds=2\n');

  const names = await firstListOverStdio(home); // answers at all: the wait has an end
  assert.ok(names.includes('server_status'));
  const log = fs.readFileSync(path.join(home, 'data', 'log', 'autonomy.log'), 'utf8');
  assert.match(log, /start-up is not complete after 2 s .*still waiting for: .*bundle broken-at-launch/);
});
