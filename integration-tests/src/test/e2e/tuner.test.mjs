// The safety chain end to end, with the example capability policy-tuner: an MCP client proposes a tool policy
// (tuner_propose), the governor queues it (mode suggest), the operator approves it in the Gogo shell, and the
// foundation applies it; then mode auto applies a proposal at once, a lease turns a second change of one tool away,
// and a halt rejects everything. Approving is the operator's alone and a headless server has no shell, so the
// container runs in shell mode (`bin/autonomy`) with the commands piped to its stdin, while the client talks HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { prepareHome, exampleJar, waitFor, startShell } from './harness.mjs';

test('tuner: proposal queued, approved in the shell, applied; auto mode, lease and halt', async () => {
  const home = prepareHome();
  for (const name of ['policy-tuner-bundle', 'text-tools-bundle']) {
    const jar = exampleJar(home, name);
    fs.copyFileSync(jar, path.join(home, 'deploy', path.basename(jar)));
  }
  const shell = await startShell(home);
  const client = new Client({ name: 'e2e-tuner', version: '1.0.0' });
  try {
    await client.connect(new StreamableHTTPClientTransport(shell.url));
    await waitFor('tuner_propose and the text tools listed', async () => {
      const names = (await client.listTools()).tools.map((t) => t.name);
      return ['tuner_propose', 'text_word_count', 'text_reverse'].every((t) => names.includes(t));
    });
    const propose = async (args) => {
      const r = await client.callTool({ name: 'tuner_propose', arguments: args });
      assert.notEqual(r.isError, true, r.content?.[0]?.text);
      return r.structuredContent;
    };

    // 1. mode suggest (the default): the proposal waits for the operator
    const queued = await propose({ tool: 'text_word_count', timeoutMs: 1234, reason: 'e2e' });
    assert.equal(queued.outcome, 'queued', JSON.stringify(queued));
    const id = queued.proposalId;
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.equal(queued.approveWith, `autonomy:approve ${id}`);
    const waiting = (await client.callTool({ name: 'autonomy_proposals', arguments: {} })).structuredContent;
    const mine = waiting.proposals.find((p) => p.id === id);
    assert.ok(mine, JSON.stringify(waiting));
    assert.equal(mine.capability, 'policy-tuner');
    assert.equal(mine.target, 'tool:text_word_count');
    assert.equal(mine.requestedBy, 'mcp_client:e2e-tuner');
    assert.deepEqual(mine.payload, { tool: 'text_word_count', settings: { timeoutMs: 1234 } });
    assert.match(await shell.run('autonomy:proposals'), new RegExp(`${id}\\s+policy-tuner\\s+tool\\.policy`));
    assert.doesNotMatch(await shell.run('mcp:policy text_word_count'), /timeoutMs=1234/);

    // 2. the operator approves: the executor writes autonomy's override, the foundation applies it
    assert.match(await shell.run(queued.approveWith),
      new RegExp(`${id}: approved; applied: text_word_count: timeoutMs=1234`));
    await waitFor('mcp:policy showing timeoutMs=1234',
      async () => /timeoutMs=1234,/.test(await shell.run('mcp:policy text_word_count')));

    // 3. the applied change holds a lease on its tool: a second change of it is turned away, naming the holder
    const leased = await propose({ tool: 'text_word_count', retries: 1 });
    assert.equal(leased.outcome, 'rejected');
    assert.match(leased.reason,
      new RegExp(`tool:text_word_count is leased by capability policy-tuner \\(proposal ${id}\\)`));

    // 4. mode auto: applied at once
    assert.match(await shell.run('autonomy:mode policy-tuner auto'), /policy-tuner: auto/);
    const auto = await propose({ tool: 'text_reverse', cacheTtlMs: 60000 });
    assert.equal(auto.outcome, 'approved', JSON.stringify(auto));
    assert.deepEqual(auto.applied, { tool: 'text_reverse', settings: { cacheTtlMs: 60000 } });
    await waitFor('mcp:policy showing cacheTtlMs=60000',
      async () => /cacheTtlMs=60000,/.test(await shell.run('mcp:policy text_reverse')));

    // 5. halt: the capability proposes nothing until the operator resumes
    assert.match(await shell.run('autonomy:halt e2e'), /autonomy HALTED: e2e/);
    const halted = await propose({ tool: 'text_reverse', retries: 1 });
    assert.equal(halted.outcome, 'rejected');
    assert.match(halted.reason, /policy-tuner is halted/);
    assert.match(await shell.run('autonomy:capabilities'),
      /policy-tuner\s+policy-tuner-bundle\s+Active\s+auto\s+halted=true, proposed=3, queued=1, rejected=1, applied=2/);
    const audit = await shell.run('autonomy:audit --no-format -n 20 policy-tuner');
    assert.match(audit, new RegExp(`PROPOSED\t${id}\tpolicy-tuner\ttool:text_word_count\tmcp_client:e2e-tuner`));
    assert.match(audit, new RegExp(`APPLIED\t${id}\tpolicy-tuner\ttool:text_word_count\toperator:`));

    // 6. the operator rolls the first change back by the short id the audit table shows: the default returns
    assert.match(await shell.run(`autonomy:rollback ${id.slice(0, 8)} e2e done`), new RegExp(`${id}: rolled back`));
    await waitFor('mcp:policy back to the default timeout',
      async () => /timeoutMs=30000,/.test(await shell.run('mcp:policy text_word_count')));
    assert.match(await shell.run('autonomy:audit --no-format -n 5 policy-tuner'),
      new RegExp(`ROLLED_BACK\t${id}\tpolicy-tuner\ttool:text_word_count\toperator:`));

    // 7. release keeps a change but frees its target: after resume, text_reverse can be tuned again
    assert.match(await shell.run('autonomy:resume'), /running/);
    assert.equal((await propose({ tool: 'text_reverse', retries: 1 })).outcome, 'rejected', 'still leased');
    assert.match(await shell.run(`autonomy:release ${auto.proposalId}`), /released/);
    assert.equal((await propose({ tool: 'text_reverse', retries: 1 })).outcome, 'approved');
  } finally {
    await client.close().catch(() => {});
    const code = await shell.stop();
    assert.equal(code, 0, `the shell exits cleanly at EOF:\n${shell.output().slice(-3000)}`);
  }
});
