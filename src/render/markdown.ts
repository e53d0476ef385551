// The few markdown building blocks the GitHub renderers need. Text from the plan (names, code, API
// messages) only ever goes inside a code fence or HTML-escaped inside <code>, so a display name can
// neither inject markup nor @-mention anyone.

/** `<`, `>`, `&` and quotes escaped, for text inside HTML tags. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}

/** A fenced code block whose fence is longer than any backtick run inside it (CommonMark's rule). */
export function fence(lines: readonly string[], lang = ''): string {
  const longest = Math.max(0, ...lines.flatMap((l) => (l.match(/`+/g) ?? []).map((run) => run.length)));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return [`${ticks}${lang}`, ...lines, ticks].join('\n');
}

/** A collapsible block; `summary` is HTML (escape it first). */
export function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** One table cell: pipes and newlines would break the row, HTML is escaped. */
export function tableCell(text: string): string {
  return escapeHtml(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
