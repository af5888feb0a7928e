/**
 * `--help` of the tnh command and every subcommand. The binary is spawned for a few of them (exit code and
 * output of the real process); the whole command tree is walked in-process, because each spawn costs more
 * than a second of start-up.
 */
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildCli } from '../../src/server/cli';
import { newInstallation, tnh } from './tnh';

const COMMANDS = ['serve', 'migrate', 'user', 'user add', 'user reset-password', 'backup', 'restore', 'audit', 'audit verify', 'study', 'study create', 'study list', 'demo', 'dossiers', 'dossiers import', 'dossiers export', 'dossiers generate', 'dossiers recompute', 'monitor', 'report', 'report build', 'pseudonymise', 'pseudonymise detect', 'survey', 'survey export', 'qdpx', 'qdpx export', 'qdpx import'];
const OPTIONS: Record<string, string[]> = {
  'user add': ['--email <email>', '--name <name>', '--role <role>', '--expires <date>'],
  'user reset-password': ['--email <email>'],
  backup: ['--out <file>', '--passphrase-stdin'],
  restore: ['<file>', '--passphrase-stdin'],
  'study create': ['--title <title>', '--lead <email>'],
  'study list': ['--json'],
  demo: ['--lead <email>'],
  'dossiers import': ['--study <slug>', '<cases>', '<events>'],
  'dossiers export': ['--study <slug>', '--out <dir>', '--extended'],
  'dossiers recompute': ['--study <slug>', '--stale'],
  'dossiers generate': ['--study <slug>', '--cases <n>', '--seed <k>'],
  monitor: ['--study <slug>', '--json'],
  'report build': ['--study <slug>', '--format <format>', '--out <file>', '--report <id>', '--as <email>'],
  'survey export': ['--study <slug>', '--survey <id>', '--format <format>', '--out <dir>', '--survey-version <n>'],
  'qdpx export': ['--study <slug>', '--out <file>'],
  'qdpx import': ['--study <slug>', '<file>'],
};

function tree(cmd: Command, prefix: string[] = []): string[] {
  return cmd.commands.filter((c) => c.name() !== 'help').flatMap((c) => [[...prefix, c.name()].join(' '), ...tree(c, [...prefix, c.name()])]);
}

/** Runs `tnh <args> --help` in-process; returns the exit code commander would use and the output. */
async function helpOf(args: string[]): Promise<{ exitCode: number; out: string; err: string }> {
  const program = buildCli();
  let out = '';
  let err = '';
  const quiet = (c: Command) => {
    c.exitOverride();
    c.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
    c.commands.forEach(quiet);
  };
  quiet(program);
  try {
    await program.parseAsync(['node', 'tnh', ...args, '--help']);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    return { exitCode: e.exitCode, out, err };
  }
  throw new Error(`--help of ${args.join(' ')} did not exit`);
}

describe('tnh --help', { timeout: 120_000 }, () => {
  it('the command tree is the documented one', () => {
    expect(tree(buildCli())).toEqual(COMMANDS);
  });

  it.each(COMMANDS)('tnh %s --help exits 0 and prints usage', async (name) => {
    const r = await helpOf(name.split(' '));
    expect(r.exitCode).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(new RegExp(`^Usage: tnh ${name} `));
    expect(r.out).toMatch(/\n\n[A-Z][^\n]+\n/); // a Dutch description
    for (const o of OPTIONS[name] ?? []) expect(r.out).toContain(o);
  });

  it.concurrent('the real binary: tnh --help, tnh user add --help and tnh backup --help', async ({ expect }) => {
    const inst = await newInstallation();
    const [top, userAdd, backup] = await Promise.all([tnh(inst, ['--help']), tnh(inst, ['user', 'add', '--help']), tnh(inst, ['backup', '--help'])]);
    for (const r of [top, userAdd, backup]) {
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
    }
    expect(top.stdout).toMatch(/^Usage: tnh \[options\] \[command\]/);
    for (const c of ['serve', 'migrate', 'user', 'backup', 'restore', 'audit', 'study']) expect(top.stdout).toMatch(new RegExp(`\\n  ${c}\\b`));
    expect(top.stdout).toContain('TNH_DATA_DIR');
    expect(userAdd.stdout).toMatch(/^Usage: tnh user add \[options\]/);
    expect(userAdd.stdout).toContain('--email <email>');
    expect(backup.stdout).toMatch(/^Usage: tnh backup \[options\]/);
    expect(backup.stdout).toContain('--passphrase-stdin');
  });
});
