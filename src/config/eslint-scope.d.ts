// The part of eslint-scope's API fnsync uses (the package ships no type declarations).
declare module 'eslint-scope' {
  interface Identifier {
    type: 'Identifier';
    name: string;
    loc?: { start: { line: number; column: number } };
    parent?: unknown;
  }
  export interface Reference {
    identifier: Identifier;
    isWrite(): boolean;
    isRead(): boolean;
    isWriteOnly(): boolean;
    /** The scope the reference is made in. */
    from: Scope;
  }
  export interface Scope {
    type: string;
    set: Map<string, unknown>;
    through: Reference[];
    upper: Scope | null;
  }
  export interface ScopeManager {
    globalScope: Scope;
  }
  export function analyze(
    ast: unknown,
    options?: { ecmaVersion?: number; sourceType?: 'script' | 'module'; fallback?: 'iteration'; impliedStrict?: boolean; nodejsScope?: boolean },
  ): ScopeManager;
}
