// A plugin made from the template (autonomy-plugin-archetype: `mvn archetype:generate`, then `mvn verify`, which the
// build does in the archetype module), dropped into deploy/ as a user would: its tools reach a real MCP client, its
// proposal waits in autonomy:proposals, and the operator approves it and rolls it back in the Gogo shell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { prepareHome, waitFor, startShell } from './harness.mjs';

const JAR = process.env.AUTONOMY_TEMPLATE_JAR;

test('template plugin: deployed, tools listed, proposal queued, approved and rolled back by the operator', async () => {
  assert.ok(JAR && fs.existsSync(JAR), `no plugin built from the template at ${JAR}: mvn verify builds it`);
  const home = prepareHome();
  // judge a tool after 3 calls, and every tool as slow: server_status gets a plan
  fs.writeFileSync(path.join(home, 'etc', 'dev.example.myplugin.cfg'), 'slowMs=0\nminCalls=3\n');
  fs.copyFileSync(JAR, path.join(home, 'deploy', path.basename(JAR)));
  const shell = await startShell(home);
  const client = new Client({ name: 'e2e-template', version: '1.0.0' });
  try {
    await client.connect(new StreamableHTTPClientTransport(shell.url));
    await waitFor('the template plugin\'s tools listed', async () => {
      const names = (await client.listTools()).tools.map((t) => t.name);
      return ['my_plugin_plans', 'my_plugin_propose'].every((t) => names.includes(t));
    });
    assert.match(await shell.run('autonomy:capabilities --no-format'), /my-plugin/);

    for (let i = 0; i < 3; i++) {
      assert.notEqual((await client.callTool({ name: 'server_status', arguments: {} })).isError, true);
    }
    const plan = await waitFor('a plan for server_status', async () => {
      const r = await client.callTool({ name: 'my_plugin_plans', arguments: {} });
      return r.structuredContent.plans.find((p) => p.tool === 'server_status');
    });
    assert.ok(plan.timeoutMs >= 1000, JSON.stringify(plan));

    const r = await client.callTool({ name: 'my_plugin_propose', arguments: { tool: 'server_status' } });
    assert.notEqual(r.isError, true, r.content?.[0]?.text);
    const [proposal] = r.structuredContent.proposals;
    assert.equal(proposal.outcome, 'queued', JSON.stringify(proposal));
    assert.equal(proposal.failure, 'NONE');
    const id = proposal.proposalId;
    assert.match(await shell.run('autonomy:proposals'), new RegExp(`${id}\\s+my-plugin\\s+`));
    const waiting = (await client.callTool({ name: 'autonomy_proposals', arguments: {} })).structuredContent;
    assert.ok(waiting.proposals.some((p) => p.id === id && p.requestedBy === 'mcp_client:e2e-template'));

    // the operator approves: the plugin's executor writes autonomy's override, the foundation applies it
    assert.match(await shell.run(`autonomy:approve ${id}`), /applied/);
    await waitFor('the planned time limit in force', async () =>
      new RegExp(`timeoutMs=${plan.timeoutMs},`).test(await shell.run('mcp:policy server_status')));
    // and rolls it back: the operator's policy applies again
    assert.match(await shell.run(`autonomy:rollback ${id} e2e`), /rolled back|override removed/);
    await waitFor('the operator\'s time limit back', async () =>
      /timeoutMs=30000,/.test(await shell.run('mcp:policy server_status')));
  } finally {
    await client.close();
    await shell.stop();
  }
});
