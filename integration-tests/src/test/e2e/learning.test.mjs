// Adaptive learning as a user meets it: an MCP client rates a result by the request id in its _meta
// (learn_feedback), repeats a pure tool call until learning proposes a result cache (mode suggest: queued for the
// operator), and the operator sees the patterns and the adaptation in the Gogo shell (learn:patterns,
// learn:adaptations), approves it, and reverts it by hand (learn:revert), which the audit journal records. The
// container runs in shell mode (`bin/autonomy`) with a learning cycle every second; the client talks HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { prepareHome, exampleJar, waitFor, startShell, connectHttp, assertNoInternals } from './harness.mjs';

const REQUEST_ID = 'dev.autonomy/requestId';

test('learning: feedback from a client, patterns and adaptations in Gogo, a revert by hand', async () => {
  const home = prepareHome();
  for (const name of ['text-tools-bundle', 'echo-agents-bundle']) {
    const jar = exampleJar(home, name);
    fs.copyFileSync(jar, path.join(home, 'deploy', path.basename(jar)));
  }
  fs.appendFileSync(path.join(home, 'etc', 'dev.autonomy.learning.cfg'), '\ncycleSeconds=1\n');
  const shell = await startShell(home);
  const { client } = await connectHttp(shell.url, 'e2e-learning');
  try {
    await waitFor('the learning tools, text_word_count and both text.upper agents listed', async () => {
      const names = (await client.listTools()).tools.map((t) => t.name);
      return ['learn_status', 'learn_feedback', 'learn_patterns', 'learn_adaptations', 'text_word_count',
        'agent_upper', 'agent_shout'].every((t) => names.includes(t));
    });
    await waitFor('a learning cycle every second', async () =>
      /cycleSeconds: 1\n/.test(await shell.run('learn:status')));

    // 1. a routed call, then the user rates its result by the request id in the result's _meta
    const routed = await client.callTool({ name: 'agent_route',
      arguments: { capability: 'text.upper', input: { text: 'hello' } } });
    assert.notEqual(routed.isError, true, routed.content?.[0]?.text);
    const requestId = routed._meta[REQUEST_ID];
    const agent = routed._meta['dev.autonomy/routing'].chosen;
    assert.match(agent, /^(upper|shout)$/);
    const feedback = await waitFor('the feedback accepted', async () => {
      const f = await client.callTool({ name: 'learn_feedback',
        arguments: { requestId, rating: 5, comment: 'exactly what I wanted' } });
      return f.isError ? null : f; // the request may not have reached learning yet
    });
    assert.equal(feedback.structuredContent.provider, `agent:${agent}`, 'a routed result counts for its agent');
    assert.equal(feedback.structuredContent.rating, 5);
    assert.equal(feedback.structuredContent.commentKept, false, 'comments are kept only with keepRawValues');
    assert.match(feedback.content[0].text, /rating 5 of 5 recorded for agent:/);

    // clear errors, no internals
    const unknown = await client.callTool({ name: 'learn_feedback', arguments: { requestId: 'nope', rating: 3 } });
    assert.equal(unknown.isError, true);
    assert.match(unknown.content[0].text, /no request nope is known to learning/);
    const outOfRange = await client.callTool({ name: 'learn_feedback', arguments: { requestId, rating: 9 } });
    assert.equal(outOfRange.isError, true);
    assertNoInternals(assert, outOfRange.content[0].text);
    const neither = await client.callTool({ name: 'learn_feedback', arguments: { rating: 4 } });
    assert.equal(neither.isError, true);
    assert.match(neither.content[0].text, /give the requestId of a result/);
    const ghost = await client.callTool({ name: 'learn_feedback', arguments: { provider: 'agent:nobody', rating: 1 } });
    assert.equal(ghost.isError, true, 'a provider must run or have been seen');
    assert.match(ghost.content[0].text, /no provider 'agent:nobody' is known/);

    // another client (another session) can neither rate this session's result nor learn who served it
    const { client: other } = await connectHttp(shell.url, 'e2e-learning-other');
    try {
      const foreign = await other.callTool({ name: 'learn_feedback', arguments: { requestId, rating: 1 } });
      assert.equal(foreign.isError, true, 'a result of another session');
      assert.match(foreign.content[0].text, /is known to learning in this session/);
      assert.doesNotMatch(foreign.content[0].text, new RegExp(agent));
    } finally {
      await other.close().catch(() => {});
    }

    // 2. the same pure call again and again: learning proposes a result cache, queued for the operator
    for (let i = 0; i < 40; i += 1) {
      const r = await client.callTool({ name: 'text_word_count', arguments: { text: 'the same words again' } });
      assert.notEqual(r.isError, true);
    }
    const line = await waitFor('a cache adaptation of text_word_count proposed', async () => {
      const out = await shell.run('learn:adaptations --no-format');
      return out.split('\n').find((l) => /\tcache\ttool:text_word_count\tproposed\t.*\twaiting for approval /
        .test(l));
    }, 30000);
    const id = line.split('\t')[0];
    assert.match(id, /^learning-cache-tool_text_word_count-\d+$/);
    assert.match(line, new RegExp(`waiting for approval \\(autonomy:approve ${id}\\)`));

    // the operator sees the patterns: the tool's calls, the rating, the knowledge
    const patterns = await shell.run('learn:patterns --no-format');
    assert.match(patterns, /\ntool:text_word_count\t\d+\t100\.0%/);
    assert.match(patterns, new RegExp(`\\nagent:${agent}\\t1\\t5\\.0\\t1\\t0\\n`));
    assert.match(patterns, /\ncache_candidate\ttool:text_word_count\t/);
    const fromClient = (await client.callTool({ name: 'learn_patterns', arguments: { provider: 'text_word_count' } }))
      .structuredContent;
    assert.equal(fromClient.providers[0].provider, 'tool:text_word_count');
    assert.equal(fromClient.knowledge[0].insight, 'cache_candidate');

    // 3. the operator approves it: autonomy's override of the tool, with a holdout, from the next call on
    assert.match(await shell.run(`autonomy:approve ${id}`), new RegExp(`${id}: approved; applied: text_word_count: `
      + 'cacheTtlMs=60000'));
    await waitFor('mcp:policy showing the cache',
      async () => /cacheTtlMs=60000,/.test(await shell.run('mcp:policy text_word_count')));
    const listed = (await client.callTool({ name: 'learn_adaptations', arguments: { status: 'active' } }))
      .structuredContent.adaptations;
    assert.ok(listed.some((a) => a.id === id && a.kind === 'cache'), JSON.stringify(listed));
    assert.match(await shell.run('learn:adaptations --no-format'),
      new RegExp(`${id}\\tcache\\ttool:text_word_count\\t(active|kept)\\t`));

    // 4. the operator reverts it by hand: the override goes, the journal records the rollback
    assert.match(await shell.run(`learn:revert ${id.slice(0, 30)}`), new RegExp(`${id}: reverted: `));
    assert.match(await shell.run('learn:adaptations --no-format'),
      new RegExp(`${id}\\tcache\\ttool:text_word_count\\treverted\\t`));
    await waitFor('mcp:policy without the cache',
      async () => /cacheTtlMs=0,/.test(await shell.run('mcp:policy text_word_count')));
    assert.match(await shell.run('autonomy:audit --no-format -n 20 learning'),
      new RegExp(`ROLLED_BACK\\t${id}\\tlearning\\ttool:text_word_count\\toperator:`));
    assert.match(await shell.run(`learn:revert ${id}`), /not reverted: .*reverted already/);
    assert.match(await shell.run('learn:revert nothing-like-it'), /no adaptation 'nothing-like-it'/);

    const status = (await client.callTool({ name: 'learn_status', arguments: {} })).structuredContent;
    assert.equal(status.halted, false);
    assert.ok(status.feedback >= 1);
    assert.equal(status.adaptations.reverted, 1);
    const statusText = JSON.stringify(status);
    assertNoInternals(assert, statusText);
    assert.ok(!statusText.includes(home), 'no paths in learn_status');

    // the evaluation of routing says what it is: an in-sample estimate
    assert.match(await shell.run('learn:evaluate'), /In-sample estimates/);
  } finally {
    await client.close().catch(() => {});
    const code = await shell.stop();
    assert.equal(code, 0, `the shell exits cleanly at EOF:\n${shell.output().slice(-3000)}`);
  }
});
