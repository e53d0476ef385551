// Types for scripts/config-reference.mjs, so TypeScript tests can import it.

/** Marker opening the generated block in README.md. */
export declare const START: string;
/** Marker closing the generated block in README.md. */
export declare const END: string;
/** The Markdown table of every fnsync.yaml field, from the JSON Schema. */
export declare function renderConfigReference(schema: Record<string, unknown>): string;
/** The README text with the block between the markers replaced by `markdown`. */
export declare function updateReadme(readme: string, markdown: string): string;
