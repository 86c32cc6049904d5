// The operator's shell: `bin/autonomy` with commands piped to the Gogo shell (it stops the container at EOF).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareHome, startShell } from './harness.mjs';

/** Runs `commands` one after another in the shell on `home`; the shell must exit cleanly at EOF. */
async function runShell(home, commands) {
  const shell = await startShell(home);
  const outputs = [];
  for (const c of commands) {
    outputs.push(await shell.run(c));
  }
  const code = await shell.stop();
  assert.equal(code, 0, `the shell exits cleanly at EOF:\n${shell.output().slice(-3000)}`);
  return outputs;
}

test('shell: status, mode, halt, status while halted, resume, audit; the journal outlives a restart', async () => {
  const home = prepareHome();
  const [status, mode, halt, halted, resume, audit] = await runShell(home, [
    'autonomy:status',
    'autonomy:mode learning suggest',
    'autonomy:halt test',
    'autonomy:status',
    'autonomy:resume',
    'autonomy:audit -n 5',
  ]);
  assert.match(status, /autonomy: running/);
  assert.match(status, /default mode: suggest; modes: \{learning\.routing=auto\}/);
  assert.match(mode, /learning: suggest/);
  assert.match(mode, /more specific keys still decide their own actions: \[learning\.routing\]/);
  assert.match(halt, /autonomy HALTED: test/);
  assert.match(halted, /autonomy: HALTED since \S+ by operator:\S+: test/);
  assert.match(resume, /autonomy: running/);
  assert.match(audit, /SEQ\s+TIME\s+TYPE\s+PROPOSAL\s+CAPABILITY\s+TARGET\s+ACTOR\s+SUMMARY/);
  const types = audit.split('\n').map((l) => /^\s*\d+\s+\S+Z\s+([A-Z_]+)/.exec(l)?.[1]).filter(Boolean);
  assert.deepEqual(types, ['RESUMED', 'HALTED', 'MODE_CHANGED']);

  const [again, modes] = await runShell(home, ['autonomy:audit -n 2', 'autonomy:mode']);
  assert.match(again, /RESUMED/);
  assert.match(again, /HALTED/);
  assert.match(modes, /learning\s+suggest\s+operator/);
});
