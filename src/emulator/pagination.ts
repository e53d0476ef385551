// Pagination as the API does it: `pagination[count]`/`pagination[cursor]` (what the SDK sends) or the
// documented dot form, cursors = base64(offset), and the `{current, next, previous, totalEntries}` output.
import { invalid } from './http-errors.js';

/**
 * The largest page by default: one copy of the docs says 1–200, another (and the SDK) 1–1000, and the
 * Terraform provider never asks for more than 200 (doc §8). The stricter bound catches clients relying on more.
 */
export const DEFAULT_MAX_PAGE_SIZE = 200;

/** Per-server pagination rules (doc §8 leaves the maximum and optionality open). */
export interface PaginationRules {
  /** Largest accepted count (default DEFAULT_MAX_PAGE_SIZE). */
  maxCount: number;
  /** When false, a missing `pagination` defaults to count 200 instead of failing with 422. */
  required: boolean;
}

/** A parsed pagination request. */
export interface PageRequest {
  offset: number;
  count: number;
}

/** The wire pagination output. */
export interface PaginationOutput {
  current: string;
  next?: string;
  previous: string | null;
  totalEntries: number;
}

const encode = (offset: number) => Buffer.from(String(offset)).toString('base64');

function param(query: URLSearchParams, key: 'count' | 'cursor'): string | null {
  return query.get(`pagination[${key}]`) ?? query.get(`pagination.${key}`);
}

/** Reads and checks the pagination query; throws 422 with the field on bad or missing input. */
export function parsePagination(query: URLSearchParams, rules: PaginationRules): PageRequest {
  const countRaw = param(query, 'count');
  const cursorRaw = param(query, 'cursor');
  if (countRaw === null && cursorRaw === null) {
    if (rules.required) throw invalid('pagination', '"pagination" is required');
    return { offset: 0, count: Math.min(200, rules.maxCount) };
  }
  if (countRaw === null) throw invalid('pagination.count', '"pagination.count" is required');
  const count = Number(countRaw);
  if (!Number.isInteger(count) || count < 1 || count > rules.maxCount) {
    throw invalid('pagination.count', `"pagination.count" must be an integer between 1 and ${rules.maxCount}`);
  }
  let offset = 0;
  if (cursorRaw !== null && cursorRaw !== '') {
    const decoded = Buffer.from(cursorRaw, 'base64').toString('utf8');
    offset = Number(decoded);
    if (!/^\d+$/.test(decoded) || encode(offset) !== cursorRaw) {
      throw invalid('pagination.cursor', '"pagination.cursor" is not a valid cursor');
    }
  }
  return { offset, count };
}

/** Slices one page and builds the pagination output; `next` is absent on the last page. */
export function paginate<T>(items: T[], page: PageRequest): { items: T[]; pagination: PaginationOutput } {
  const slice = items.slice(page.offset, page.offset + page.count);
  const pagination: PaginationOutput = {
    current: encode(page.offset),
    previous: page.offset > 0 ? encode(Math.max(0, page.offset - page.count)) : null,
    totalEntries: items.length,
  };
  if (page.offset + page.count < items.length) pagination.next = encode(page.offset + page.count);
  return { items: slice, pagination };
}
