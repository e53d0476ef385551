// Environment variable names for the values import cannot write (secrets, which the API returns
// masked): upper snake case of the local name and the setting name (slack-alerts + webhookUrl →
// SLACK_ALERTS_WEBHOOK_URL), with the instance name too when several instances need one, and made
// unique against every variable fnsync.yaml already references and every one this import chose.

/** `slack-alerts` → `SLACK_ALERTS`, `webhookUrl` → `WEBHOOK_URL`, `apiKey2` → `API_KEY2`. */
export function upperSnake(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Hands out unique variable names, in the order asked. */
export class EnvNameAllocator {
  private readonly taken: Set<string>;

  constructor(alreadyReferenced: Iterable<string>) {
    this.taken = new Set(alreadyReferenced);
  }

  /** A free name from the given parts (empty parts dropped); `_2`, `_3`... when it is taken. */
  allocate(parts: string[]): string {
    let base = parts.map(upperSnake).filter((p) => p !== '').join('_') || 'SECRET';
    if (!/^[A-Z_]/.test(base)) base = `FN_${base}`;
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}_${n}`;
    this.taken.add(name);
    return name;
  }
}
