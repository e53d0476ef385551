// Fitting a document under GitHub's size limit (comment-fit.ts), on plain figures.
import { describe, expect, it } from 'vitest';
import { fitDocument } from '../../../src/render/comment-fit.js';

describe('fitting a document', () => {
  const line = (c: string, n: number) => c.repeat(n);

  it('after collapsing a resource gives back room, the tail is as long as still fits, not cut to its shortest', () => {
    const limit = 10_000;
    const r = fitDocument({
      head: 'head',
      items: [{ full: line('f', 9_990), collapsed: 'collapsed' }],
      tail: `whole tail ${line('w', 6_000)}`,
      shorterTails: [`first names ${line('s', 3_000)}`, 'counts only'],
      end: 'next steps',
      wholeAt: 'the job summary',
      limit,
    });
    expect(r.text.length).toBeLessThanOrEqual(limit);
    expect(r).toMatchObject({ collapsed: 1, omitted: 0, cut: false, shortened: 0 });
    expect(r.text).toContain('whole tail');
    expect(r.text).not.toContain('counts only');
    expect(r.text.endsWith('next steps')).toBe(true);
  });

  it('keeps the shorter tail the room allows when the whole one still does not fit', () => {
    const r = fitDocument({
      head: 'head',
      items: [{ full: line('f', 9_990), collapsed: 'collapsed' }],
      tail: `whole tail ${line('w', 9_900)}`,
      shorterTails: [`first names ${line('s', 3_000)}`, 'counts only'],
      end: 'next steps',
      wholeAt: 'the job summary',
      limit: 10_000,
    });
    expect(r).toMatchObject({ collapsed: 1, shortened: 1 });
    expect(r.text).toContain('first names');
  });
});
