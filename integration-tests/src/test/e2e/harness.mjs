// Shared helpers for the end-to-end tests: a private copy of the built distribution, started as a user would.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import events from 'node:events';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

// The TS client adds listeners per request on long runs; this is expected, not a leak.
events.setMaxListeners(0);

export const DIST = path.resolve(process.env.AUTONOMY_HOME ?? '../../../../distribution/target/autonomy');

/** A fresh copy of the distribution in a temp folder, so tests never touch the build output. */
const homes = [];

// Every copy is removed when the test file ends (they are about 40 MB each).
process.on('exit', () => {
  if (process.env.KEEP_HOMES) return; // for debugging: keep the copies and their logs
  for (const h of homes) fs.rmSync(h, { recursive: true, force: true });
});

export function prepareHome() {
  if (!fs.existsSync(path.join(DIST, 'bin', 'autonomy'))) {
    throw new Error(`no distribution at ${DIST}: build it first (mvn -B install)`);
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'autonomy-e2e-'));
  homes.push(home);
  fs.cpSync(DIST, home, { recursive: true });
  fs.rmSync(path.join(home, 'data'), { recursive: true, force: true });
  return home;
}

export function exampleJar(home, name = 'text-tools-bundle') {
  const dir = path.join(home, 'examples');
  const jar = fs.readdirSync(dir).find((f) => f.startsWith(`${name}-`) && f.endsWith('.jar'));
  if (!jar) throw new Error(`no ${name} jar in ${dir}`);
  return path.join(dir, jar);
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Polls until fn() returns a truthy value (or resolves to one); fails after timeoutMs. */
export async function waitFor(what, fn, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, pause));
  }
}

/** Starts `bin/autonomy --headless` on a free port and waits until /health answers. */
export async function startHttp(home, extraArgs = []) {
  const port = await freePort();
  const log = fs.openSync(path.join(home, `process-${port}.log`), 'a');
  const proc = spawn(path.join(home, 'bin', 'autonomy'), ['--headless', '--port', String(port), ...extraArgs], {
    cwd: home,
    stdio: ['ignore', log, log],
    env: { ...process.env },
  });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  await waitFor('the HTTP health endpoint', async () => {
    if (proc.exitCode !== null) throw new Error(`process exited with ${proc.exitCode}: ${readLog(home, port)}`);
    const r = await fetch(`${base}/health`);
    return r.status === 200;
  }, 60000);
  return {
    proc,
    port,
    base,
    url: new URL(`${base}/mcp`),
    log: () => readLog(home, port),
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 20000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

function readLog(home, port) {
  try {
    return fs.readFileSync(path.join(home, `process-${port}.log`), 'utf8').slice(-4000);
  } catch {
    return '';
  }
}

/** A raw JSON-RPC POST (for what a well-behaved client never sends). */
export async function rawPost(url, body, headers = {}) {
  const r = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body,
  });
  return { status: r.status, text: await r.text(), headers: r.headers };
}

export const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
});

/** Asserts that an error body shows no Java internals. */
export function assertNoInternals(assert, text) {
  assert.doesNotMatch(text, /stackTrace|\tat |Exception|\.java:\d+|com\.fasterxml|io\.modelcontextprotocol/);
}

/** `bin/autonomy` (shell mode) with stdin kept open: run(cmd) types one command and returns its output. */
export async function startShell(home) {
  const port = await freePort();
  const proc = spawn(path.join(home, 'bin', 'autonomy'), ['--port', String(port)], {
    cwd: home,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d) => { out += d; });
  proc.stderr.on('data', (d) => { out += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  await waitFor('the HTTP health endpoint', async () => {
    if (proc.exitCode !== null) throw new Error(`process exited with ${proc.exitCode}:\n${out}`);
    return (await fetch(`${base}/health`)).status === 200;
  }, 60000);
  let marks = 0;
  let from = 0;
  // Each command is followed by `echo mark-<n>-mark`; its output is what the shell printed before that mark.
  const run = async (command) => {
    const mark = `mark-${++marks}-mark`;
    proc.stdin.write(`${command}\necho ${mark}\n`);
    const { end } = await waitFor(`the output of '${command}'`, () => {
      const i = out.indexOf(mark, from);
      return i >= 0 && { end: i };
    }, 15000).catch((e) => { throw new Error(`${e.message}\n${out.slice(from)}`); });
    const output = out.slice(from, end);
    from = end + mark.length;
    return output;
  };
  await run('echo ready'); // skips the banner and the start-up output
  return {
    url: new URL(`${base}/mcp`),
    run,
    output: () => out,
    async stop() {
      proc.stdin.end(); // EOF: the shell stops the framework and exits
      const timer = setTimeout(() => proc.kill('SIGKILL'), 20000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** A connected MCP client over HTTP that counts notifications/tools/list_changed: listChanged() reads the count. */
export async function connectHttp(url, name, requestInit) {
  const client = new Client({ name, version: '1.0.0' });
  let count = 0;
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    count += 1;
  });
  await client.connect(new StreamableHTTPClientTransport(url, requestInit ? { requestInit } : undefined));
  return { client, listChanged: () => count };
}
