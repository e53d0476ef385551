// `fnsync test --watch` must not re-run on what a run writes itself (the record, the --json report), or it would loop.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchIgnores } from '../../../src/cli/commands/test.js';

describe('watchIgnores', () => {
  const root = '/work/project';

  it('ignores the record under .fnsync/ (and its temp files), dependencies and build output', () => {
    const ignored = watchIgnores(root, root);
    for (const file of ['.fnsync/test-results.json', '.fnsync/test-results.json.3921477806', 'node_modules/x/index.js', '.git/index', 'dist/cli/main.js']) {
      expect([file, ignored(file)]).toEqual([file, true]);
    }
  });

  it('re-runs for the config, handlers and fixtures', () => {
    const ignored = watchIgnores(root, root, 'report.json');
    for (const file of ['fnsync.yaml', 'functions/hook/handler.js', 'functions/hook/tests/cases.yaml', 'fnsync-notes/x.yaml', 'report.json.md']) {
      expect([file, ignored(file)]).toEqual([file, false]);
    }
  });

  it('ignores the --json report and write-file-atomic temp files beside it, wherever fnsync was started', () => {
    const fromRoot = watchIgnores(root, root, 'out/report.json');
    expect([fromRoot('out/report.json'), fromRoot('out/report.json.2837465521'), fromRoot('out/other.json')]).toEqual([true, true, false]);
    const fromSubdir = watchIgnores(root, join(root, 'functions'), '../out/report.json');
    expect(fromSubdir('out/report.json')).toBe(true);
    expect(watchIgnores(root, root, '-')('-')).toBe(false);
  });
});
