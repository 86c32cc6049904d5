// Dynamic agent creation as a user meets it: an operator creates an agent from a spec file in the Gogo shell and
// approves it, an MCP client watches the new tool appear (tools/list_changed), routes to it, creates one itself
// with progress notifications, removes and rolls back; a capability gap is designed, approved and served; and
// after a restart (and even without the framework cache) the agents still serve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { prepareHome, exampleJar, waitFor, startShell, connectHttp } from './harness.mjs';

const TEXT = { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] };

function spec(id, capability, suffix) {
  return {
    id,
    description: `reverses a text and appends ${suffix}`,
    capabilities: [{
      name: capability, description: 'reverse + suffix', inputSchema: TEXT, outputSchema: TEXT,
      steps: [
        { id: 'r', call: 'text_reverse', args: { text: '${/input/text}' } },
        { id: 'o', template: { text: `\${/r/text}${suffix}` } },
      ],
    }],
    tools: ['text_reverse'],
    tests: [{ name: 'example', capability, input: { text: 'abc' }, expect: { text: `cba${suffix}` } }],
  };
}

async function route(client, capability, text) {
  const r = await client.callTool({ name: 'agent_route', arguments: { capability, input: { text } } });
  if (r.isError) return null;
  return r.structuredContent?.text;
}

async function names(client) {
  return (await client.listTools()).tools.map((t) => t.name);
}

test('creator: spec file in Gogo, client create with progress, remove, rollback, gap, restart', async () => {
  const home = prepareHome();
  for (const name of ['text-tools-bundle', 'echo-agents-bundle']) {
    const jar = exampleJar(home, name);
    fs.copyFileSync(jar, path.join(home, 'deploy', path.basename(jar)));
  }
  fs.appendFileSync(path.join(home, 'etc', 'dev.autonomy.agent.creator.cfg'), '\nallowClientSource=true\n');
  // four agents and a gap design in this test: above the default budget of 3 agents per hour
  fs.appendFileSync(path.join(home, 'etc', 'dev.autonomy.governor.cfg'), '\nagentsPerHour=10\n');
  let shell = await startShell(home);
  let conn = await connectHttp(shell.url, 'e2e-creator');
  try {
    const { client } = conn;
    await waitFor('agent_create, text_reverse and agent_upper listed', async () => {
      const n = await names(client);
      return ['agent_create', 'agent_spec_schema', 'text_reverse', 'agent_upper'].every((t) => n.includes(t));
    });

    // 1. the schema a client (or its model) writes specs against
    const schema = await client.callTool({ name: 'agent_spec_schema', arguments: {} });
    assert.ok(schema.structuredContent.schema.required.includes('capabilities'));
    assert.ok(schema.structuredContent.example.id);

    // 2. the operator creates from the shipped example spec file; mode suggest (the default) queues it, approval
    //    deploys it
    const created = await shell.run('agent:create examples/specs/exclaim.json');
    assert.match(created, /\[2\/7\] compile\n[\s\S]*\[7\/7\] propose/);
    const m = created.match(/proposal ([0-9a-f-]{36})/);
    assert.ok(m, created);
    assert.ok(!(await names(client)).includes('agent_exclaim'), 'nothing serves before approval');
    const before = conn.listChanged();
    assert.match(await shell.run(`autonomy:approve ${m[1]}`), /approved/);
    await waitFor('list_changed and agent_exclaim listed',
      async () => conn.listChanged() > before && (await names(client)).includes('agent_exclaim'));
    assert.equal(await route(client, 'text.exclaim', 'hello'), 'olleh!');
    assert.match(await shell.run('agent:source exclaim'), /class Behavior implements Agent/);

    // 3. the client creates one itself (mode auto now), and hears each stage as progress
    assert.match(await shell.run('autonomy:mode agent-creation auto'), /agent-creation: auto/);
    assert.match(await shell.run('autonomy:mode agent-creation.agent.create.gap suggest'), /suggest/);
    const stages = [];
    const r = await client.callTool({ name: 'agent_create', arguments: { spec: spec('hashy', 'text.hashy', '#') } },
      undefined, { onprogress: (p) => stages.push(p.message) });
    assert.notEqual(r.isError, true, r.content?.[0]?.text);
    assert.equal(r.structuredContent.status, 'created');
    assert.deepEqual(stages.slice(0, 6), ['generate', 'compile', 'check', 'weave', 'test', 'package']);
    assert.equal(await route(client, 'text.hashy', 'abc'), 'cba#');

    // the operator asks for a capability by name: a built-in template covers text.trim
    assert.match(await shell.run('agent:generate text.trim'), /Agent 'text_trim' revision 1 is serving/);
    assert.equal(await route(client, 'text.trim', '  padded  '), 'padded');

    // 4. bad input: a clear error naming the stage and the reason, no trace
    const bad = await client.callTool({ name: 'agent_create', arguments: { spec: { ...spec('hashy2', 'text.h2', '#'),
      tests: [{ name: 'wrong', capability: 'text.h2', input: { text: 'abc' }, expect: { text: 'nope' } }] } } });
    assert.equal(bad.isError, true);
    assert.equal(bad.structuredContent.stage, 'test');
    assert.match(bad.content[0].text, /test 'wrong'/);
    assert.doesNotMatch(bad.content[0].text, /\tat |Exception:/);

    // client source over HTTP without a bearer token is refused even when the operator enabled client source
    const src = await client.callTool({ name: 'agent_create', arguments: { spec: spec('srcy', 'text.srcy', '?'),
      source: 'public final class X {}' } });
    assert.equal(src.isError, true);
    assert.equal(src.structuredContent.stage, 'policy');
    assert.match(src.content[0].text, /bearer token/);

    // 5. remove and roll back
    const removed = await client.callTool({ name: 'agent_remove', arguments: { id: 'hashy' } });
    assert.notEqual(removed.isError, true, removed.content?.[0]?.text);
    await waitFor('agent_hashy gone', async () => !(await names(client)).includes('agent_hashy'));
    const back = await client.callTool({ name: 'agent_rollback', arguments: { id: 'hashy' } });
    assert.notEqual(back.isError, true, back.content?.[0]?.text);
    assert.equal(await route(client, 'text.hashy', 'xy'), 'yx#');

    // 6. a composable gap: designed by itself, queued (mode suggest for gaps), approved in the shell, served
    assert.equal(await route(client, 'text.reverse.upper', 'abc'), null);
    const pid = await waitFor('a proposal for agent:text_reverse_upper', async () => {
      const p = (await client.callTool({ name: 'autonomy_proposals', arguments: {} })).structuredContent.proposals
        .find((x) => x.target === 'agent:text_reverse_upper');
      return p && p.id;
    });
    assert.match(await shell.run(`autonomy:approve ${pid}`), /approved/);
    // text.upper is offered by two echo agents (upper, and shout which adds '!'): either may serve
    assert.match(await route(client, 'text.reverse.upper', 'abc'), /^CBA!?$/);
    assert.match(await shell.run('agent:history --no-format'), /text_reverse_upper\t\d+\tdeployed/);

    // 7. restart: the framework's bundle cache keeps the agents
    await client.close();
    assert.equal(await shell.stop(), 0);
    shell = await startShell(home);
    conn = await connectHttp(shell.url, 'e2e-creator-2');
    assert.equal(await waitFor('exclaim after restart', () => route(conn.client, 'text.exclaim', 'ab')), 'ba!');
    assert.equal(await route(conn.client, 'text.hashy', 'ab'), 'ba#');

    // 8. without the framework cache, data/ fills the gap (hash-checked)
    await conn.client.close();
    assert.equal(await shell.stop(), 0);
    fs.rmSync(path.join(home, 'data', 'cache'), { recursive: true, force: true });
    shell = await startShell(home);
    conn = await connectHttp(shell.url, 'e2e-creator-3');
    assert.equal(await waitFor('exclaim restored from data/', () => route(conn.client, 'text.exclaim', 'ab')), 'ba!');
    assert.match(await route(conn.client, 'text.reverse.upper', 'ab'), /^BA!?$/);
  } finally {
    await conn.client.close().catch(() => {});
    const code = await shell.stop();
    assert.equal(code, 0, `the shell exits cleanly at EOF:\n${shell.output().slice(-3000)}`);
  }
});
