// MCP over stdio: the client launches `bin/autonomy --stdio` as IDEs and desktop apps do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { prepareHome, exampleJar, waitFor } from './harness.mjs';

test('stdio: list, call, hot deploy with list_changed, invalid arguments', async () => {
  const home = prepareHome();
  const transport = new StdioClientTransport({
    command: path.join(home, 'bin', 'autonomy'),
    args: ['--stdio'],
    cwd: home,
    stderr: 'ignore',
  });
  const client = new Client({ name: 'e2e-stdio', version: '1.0.0' });
  let listChanged = 0;
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
    listChanged += 1;
  });
  await client.connect(transport);
  try {
    const names = async () => (await client.listTools()).tools.map((t) => t.name);
    assert.ok((await names()).includes('server_status'));
    const status = await client.callTool({ name: 'server_status', arguments: {} });
    assert.notEqual(status.isError, true);

    const target = path.join(home, 'deploy', path.basename(exampleJar(home)));
    fs.copyFileSync(exampleJar(home), target);
    await waitFor('list_changed over stdio', () => listChanged > 0);
    await waitFor('text_reverse listed', async () => (await names()).includes('text_reverse'));
    const r = await client.callTool({ name: 'text_reverse', arguments: { text: 'abc' } });
    assert.equal(r.content[0].text, 'cba');
    // Many calls in flight on one stdio session: every one gets its own answer.
    // Tool calls answer from worker threads, tools/list from the reading thread: mixed, none may be lost.
    const texts = Array.from({ length: 64 }, (_, i) => `call-${i}`);
    const [answers, lists] = await Promise.all([
      Promise.all(texts.map((t) => client.callTool({ name: 'text_reverse', arguments: { text: t } }))),
      Promise.all(texts.map(() => client.listTools())),
    ]);
    assert.deepEqual(answers.map((a) => a.content[0].text), texts.map((t) => [...t].reverse().join('')));
    assert.ok(lists.every((l) => l.tools.some((t) => t.name === 'text_reverse')));
    const bad = await client.callTool({ name: 'text_reverse', arguments: {} });
    assert.equal(bad.isError, true);
    assert.match(bad.content[0].text, /Invalid arguments/);
  } finally {
    await client.close();
  }
});

test('stdio: a malformed line gets a parse error, the session goes on, stdout carries only protocol, EOF exits', async () => {
  const home = prepareHome();
  const proc = spawn(path.join(home, 'bin', 'autonomy'), ['--stdio'], { cwd: home, stdio: ['pipe', 'pipe', 'ignore'] });
  const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  const lines = [];
  readline.createInterface({ input: proc.stdout }).on('line', (l) => lines.push(l));
  proc.stdin.write('this is not json\n');
  proc.stdin.write(JSON.stringify({
    jsonrpc: '2.0', id: 1, method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
  }) + '\n');
  await waitFor('two responses', () => lines.length >= 2, 60000);
  const parsed = lines.map((l) => JSON.parse(l)); // every stdout line is JSON: nothing else leaks onto it
  assert.equal(parsed[0].error.code, -32700);
  assert.equal(parsed[1].id, 1);
  assert.equal(typeof parsed[1].result.protocolVersion, 'string');
  proc.stdin.end();
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 30000))]);
  if (code === 'timeout') proc.kill('SIGKILL');
  assert.equal(code, 0, 'the server exits by itself when stdin closes');
});
