import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import sharp from 'sharp';
import { COMMANDS, EXIT, runCli } from '../../src/cli/index.js';
import { captureIo } from './io.js';
import { tempFolder } from '../temp-folder.js';

test('an unknown command exits 2 and lists the commands', async (t) => {
  const io = captureIo();
  t.is(await runCli(['fly'], io), EXIT.usage);
  t.is(
    io.stderr[0],
    `rxtrain: unknown command 'fly' (expected one of ${COMMANDS.map((c) => c.name).join(', ')})\nrun 'rxtrain --help'`,
  );
});

test('an unknown option exits 2 naming the option, the expected ones and where to look', async (t) => {
  const io = captureIo();
  t.is(await runCli(['train', '--data', 'd', '--quux', '0.1'], io), EXIT.usage);
  t.regex(
    io.stderr[0]!,
    /^rxtrain: unknown option --quux \(expected one of --data, .*--seed, --dashboard\)\nrun 'rxtrain train --help' for its options$/,
  );
});

test('every command has --help listing each of its options, and exits 0', async (t) => {
  for (const command of COMMANDS) {
    const io = captureIo();
    t.is(await runCli([command.name, '--help'], io), EXIT.ok);
    const help = io.stdout.join('\n');
    t.true(help.startsWith(`usage: rxtrain ${command.name}`));
    for (const option of Object.keys(command.options))
      t.true(help.includes(`--${option}`), `${command.name} --${option}`);
  }
});

test('no command prints the command list and exits 2; --help exits 0', async (t) => {
  const bare = captureIo();
  t.is(await runCli([], bare), EXIT.usage);
  const help = captureIo();
  t.is(await runCli(['--help'], help), EXIT.ok);
  t.deepEqual(bare.stdout, help.stdout);
  for (const command of COMMANDS) t.regex(help.stdout[0]!, new RegExp(`^  ${command.name} +\\S`, 'm'));
});

test('plot redraws the curves of a JSONL log into a PNG beside it', async (t) => {
  const dir = await tempFolder(t, 'plot');
  const log = join(dir, 'events.jsonl');
  const steps = [1, 2, 3].map((step) => ({
    kind: 'step',
    epoch: 0,
    iteration: step,
    iterations: 3,
    step,
    loss: 1 / step,
    accuracy: 0.5,
    lr: 0.1,
    lrs: [0.1],
    imagesPerSecond: 9,
  }));
  await writeFile(log, steps.map((s) => JSON.stringify(s)).join('\n') + '\n');
  const io = captureIo();
  t.is(await runCli(['plot', '--log', log], io), EXIT.ok);
  t.deepEqual(io.stdout, [`wrote ${join(dir, 'curves.png')}`]);
  const meta = await sharp(join(dir, 'curves.png')).metadata();
  t.is(meta.format, 'png');
  t.true(meta.width > 2 * meta.height, `two panels side by side: ${meta.width}×${meta.height}`);
});

test('a failing command exits 1 with its error message after rxtrain:', async (t) => {
  const io = captureIo();
  t.is(await runCli(['plot', '--log', '/nonexistent/events.jsonl'], io), EXIT.failed);
  t.regex(io.stderr[0]!, /^rxtrain: .*\/nonexistent\/events\.jsonl/);
});
