// Agents (Phase 3) against the built distribution, with the real TypeScript SDK client over HTTP: the example
// agents bundle dropped into deploy/ appears as agent_<id> tools, routing and workflows answer, agent_list counts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { prepareHome, startHttp, exampleJar, waitFor, connectHttp } from './harness.mjs';

let home;
let server;
let client;
let listChanged;

before(async () => {
  home = prepareHome();
  server = await startHttp(home);
  ({ client, listChanged } = await connectHttp(server.url, 'e2e-agents'));
});

after(async () => {
  await client?.close().catch(() => {});
  await server?.stop();
});

const names = async () => (await client.listTools()).tools.map((t) => t.name);
const call = (name, args) => client.callTool({ name, arguments: args });

test('the built-in agent tools are served from the start', async () => {
  const tools = await names();
  for (const t of ['agent_list', 'agent_route', 'agent_workflow']) assert.ok(tools.includes(t), `${t} listed`);
  const list = await call('agent_list', {});
  assert.notEqual(list.isError, true);
  assert.deepEqual(list.structuredContent.agents, []);
});

test('no agent for a capability is an error result naming it', async () => {
  const r = await call('agent_route', { capability: 'text.upper', input: { text: 'hi' } });
  assert.equal(r.isError, true);
  assert.match(r.content[0].text, /text\.upper/);
});

test('deployed agents appear as tools with list_changed, and route, chain and count', async () => {
  const jar = exampleJar(home, 'echo-agents-bundle');
  const target = path.join(home, 'deploy', path.basename(jar));
  const before = listChanged();
  fs.copyFileSync(jar, target);
  await waitFor('list_changed after deploy', () => listChanged() > before);
  await waitFor('agent_upper, agent_shout and agent_lower listed', async () => {
    const tools = await names();
    return ['agent_upper', 'agent_shout', 'agent_lower'].every((t) => tools.includes(t))
      && (await call('agent_list', {})).structuredContent.agents.length === 3;
  });
  const upperTool = (await client.listTools()).tools.find((t) => t.name === 'agent_upper');
  assert.deepEqual(upperTool.inputSchema.properties.capability.enum, ['text.upper']);

  const direct = await call('agent_lower', { capability: 'text.lower', input: { text: 'HeLLo' } });
  assert.notEqual(direct.isError, true);
  assert.deepEqual(direct.structuredContent, { text: 'hello' });

  const bad = await call('agent_lower', { capability: 'text.lower', input: { text: 5 } });
  assert.equal(bad.isError, true);
  assert.match(bad.content[0].text, /Invalid arguments for tool agent_lower/);

  for (let i = 0; i < 5; i++) {
    const r = await call('agent_route', { capability: 'text.upper', input: { text: 'hi' } });
    assert.notEqual(r.isError, true, r.content?.[0]?.text);
    assert.ok(['HI', 'HI!'].includes(r.structuredContent.text), r.structuredContent.text);
    const routing = r._meta['dev.autonomy/routing'];
    assert.ok(['upper', 'shout'].includes(routing.chosen));
    assert.equal(routing.propensity, 0.5);
  }

  const wf = await call('agent_workflow', {
    steps: [
      { capability: 'text.upper', input: { text: 'Hello' } },
      { capability: 'text.lower', map: { text: '/text' } },
    ],
  });
  assert.notEqual(wf.isError, true, wf.content?.[0]?.text);
  assert.equal(wf.structuredContent.completed, 2);
  const first = wf.structuredContent.steps[0].agent; // upper or shout, as routed
  assert.deepEqual(wf.structuredContent.output, { text: first === 'shout' ? 'hello!' : 'hello' });
  assert.equal(wf.structuredContent.steps[1].agent, 'lower');

  const list = await call('agent_list', {});
  const agents = Object.fromEntries(list.structuredContent.agents.map((a) => [a.id, a]));
  assert.deepEqual(Object.keys(agents).sort(), ['lower', 'shout', 'upper']);
  assert.equal(agents.upper.calls + agents.shout.calls, 6);
  assert.equal(agents.lower.calls, 2, "the direct call and the workflow step");
  assert.equal(agents.lower.errors, 0, 'invalid arguments never reach the agent');
  assert.match(list.content[0].text, /AGENT\s+VERSION\s+CAPABILITIES\s+CALLS/);

  const beforeRemoval = listChanged();
  fs.rmSync(target);
  await waitFor('list_changed after removal', () => listChanged() > beforeRemoval);
  await waitFor('agent tools gone', async () => !(await names()).some((t) => t.startsWith('agent_u')));
  const gone = await call('agent_route', { capability: 'text.upper', input: { text: 'hi' } });
  assert.equal(gone.isError, true);
});

test('exposeAsTools=false in etc/ hides the agent tools from clients; agent_route still reaches them', async () => {
  const cfg = path.join(home, 'etc', 'dev.autonomy.agents.cfg');
  fs.appendFileSync(cfg, '\nexposeAsTools=false\n');
  const jar = exampleJar(home, 'echo-agents-bundle');
  const target = path.join(home, 'deploy', path.basename(jar));
  fs.copyFileSync(jar, target);
  try {
    const r = await waitFor('agent_route answering text.lower', async () => {
      const res = await call('agent_route', { capability: 'text.lower', input: { text: 'QUIET' } });
      return res.isError ? null : res;
    });
    assert.deepEqual(r.structuredContent, { text: 'quiet' });
    await waitFor('agent tools hidden', async () => !(await names()).some((t) => ['agent_upper', 'agent_shout',
      'agent_lower'].includes(t)));
    const tools = await names();
    for (const t of ['agent_list', 'agent_route', 'agent_workflow']) assert.ok(tools.includes(t), `${t} listed`);
    await assert.rejects(call('agent_lower', { capability: 'text.lower', input: { text: 'X' } }),
      /Unknown tool: agent_lower/);
    const list = await call('agent_list', {});
    assert.equal(list.structuredContent.exposeAsTools, false);
    assert.equal(list.structuredContent.agents.length, 3);
  } finally {
    fs.rmSync(target);
  }
});
