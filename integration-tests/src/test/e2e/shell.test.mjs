// The operator's shell: `bin/autonomy` with commands piped to the Gogo shell (it stops the container at EOF).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { prepareHome, freePort } from './harness.mjs';

/** Runs the shell on `home` with `commands` on stdin; returns each command's output, split at markers. */
async function runShell(home, commands) {
  const port = await freePort();
  const proc = spawn(path.join(home, 'bin', 'autonomy'), ['--port', String(port)], {
    cwd: home,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (d) => { out += d; });
  proc.stderr.on('data', (d) => { out += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  const script = commands.map((c, i) => `echo mark-${i}-mark\n${c}\n`).join('') + `echo mark-${commands.length}-mark\n`;
  proc.stdin.end(script);
  const timer = setTimeout(() => proc.kill('SIGKILL'), 60000);
  const code = await exited;
  clearTimeout(timer);
  assert.equal(code, 0, `the shell exits cleanly at EOF:\n${out}`);
  const outputs = [];
  for (let i = 0; i < commands.length; i++) {
    const start = out.indexOf(`mark-${i}-mark`);
    const end = out.indexOf(`mark-${i + 1}-mark`);
    assert.ok(start >= 0 && end > start, `output of '${commands[i]}' in:\n${out}`);
    outputs.push(out.slice(start + `mark-${i}-mark`.length, end));
  }
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
  assert.match(audit, /SEQ\s+TIME\s+TYPE\s+CAPABILITY\s+TARGET\s+ACTOR\s+SUMMARY/);
  const types = audit.split('\n').map((l) => /^\s*\d+\s+\S+Z\s+([A-Z_]+)/.exec(l)?.[1]).filter(Boolean);
  assert.deepEqual(types, ['RESUMED', 'HALTED', 'MODE_CHANGED']);

  const [again, modes] = await runShell(home, ['autonomy:audit -n 2', 'autonomy:mode']);
  assert.match(again, /RESUMED/);
  assert.match(again, /HALTED/);
  assert.match(modes, /learning\s+suggest\s+operator/);
});
