// The hidden marker that makes a pull-request comment fnsync's comment for one workspace: fnsync finds
// its comment by the marker as the comment's first line (and its author, src/github) and edits it in place, and the
// marker keeps the digest of the last plan shown, so apply on main can tell whether it applied that plan.

/** What a marker records. */
export interface CommentMarker {
  workspace: string;
  /** Digest of the last plan the comment showed. */
  planned?: string;
  /** Digest of the plan apply executed, once it has. */
  applied?: string;
}

const PREFIX = '<!-- fnsync-comment workspace=';

/** The text every comment for this workspace starts with: the search key (ends in a space, so `a` never matches `ab`). */
export function markerKey(workspace: string): string {
  return `${PREFIX}${encodeURIComponent(workspace)} `;
}

/** The whole marker: an HTML comment, invisible in the rendered comment. */
export function renderMarker(marker: CommentMarker): string {
  const fields = [
    ...(marker.planned ? [`planned=${encodeURIComponent(marker.planned)}`] : []),
    ...(marker.applied ? [`applied=${encodeURIComponent(marker.applied)}`] : []),
  ];
  return `${markerKey(marker.workspace)}${fields.join(' ')} -->`;
}

/**
 * The marker for `workspace` in a comment body, or undefined when the body has none. Only the first
 * line counts: a marker further down is text (a diff of code, a quote), never fnsync's.
 */
export function readMarker(body: string, workspace: string): CommentMarker | undefined {
  const key = markerKey(workspace);
  const firstLine = body.split('\n', 1)[0]!.replace(/\r$/, '');
  if (!firstLine.startsWith(key) || !firstLine.endsWith('-->')) return undefined;
  const marker: CommentMarker = { workspace };
  for (const field of firstLine.slice(key.length, -3).trim().split(/\s+/)) {
    const [name, value] = field.split('=');
    if ((name === 'planned' || name === 'applied') && value) marker[name] = safeDecode(value);
  }
  return marker;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // someone edited the marker by hand: compare it as it is
  }
}
