// What a credential looks like, for the warning on settings not marked `sensitive` (issue: `apiKey: sk_live_...`
// validated and `fnsync run` printed it). Heuristics on purpose: a warning, silenced by an explicit `sensitive: false`.

/** Words that make a setting name a credential on their own (`authToken`, `client_secret`, `password`). */
const CREDENTIAL_WORDS = new Set(['token', 'secret', 'password', 'passwd', 'pwd', 'passphrase', 'credential', 'credentials', 'apikey', 'bearer']);
/** `…Key` is a credential only after one of these (`apiKey`, `writeKey`, `privateKey`), not `propertyKey`. */
const KEY_QUALIFIERS = new Set(['api', 'access', 'secret', 'private', 'write', 'signing', 'license', 'client', 'app', 'auth', 'master', 'service', 'encryption', 'subscription']);

/** The words of an identifier: camelCase, snake_case and kebab-case split, lowercased. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** True for names such as apiKey, api_key, token, authToken, clientSecret, password. */
export function credentialName(name: string): boolean {
  const list = words(name);
  return list.some((w, i) => CREDENTIAL_WORDS.has(w) || ((w === 'key' || w === 'keys') && i > 0 && KEY_QUALIFIERS.has(list[i - 1]!)));
}

/** Shapes of common API keys and tokens, each with the words used in the warning. */
const VALUE_SHAPES: { pattern: RegExp; what: string }[] = [
  { pattern: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{8,}/, what: 'a Stripe API key' },
  { pattern: /\bwhsec_[A-Za-z0-9]{8,}/, what: 'a webhook signing secret' },
  { pattern: /\bxox[abposr]-[A-Za-z0-9-]{8,}/, what: 'a Slack token' },
  { pattern: /hooks\.slack\.com\/services\/[A-Za-z0-9]+\/[A-Za-z0-9]+\/[A-Za-z0-9]{8,}/, what: 'a Slack webhook URL' },
  { pattern: /\b(?:ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{20,}/, what: 'a GitHub token' },
  { pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, what: 'an AWS access key id' },
  { pattern: /\bAIza[0-9A-Za-z_-]{35}\b/, what: 'a Google API key' },
  { pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/, what: 'a SendGrid API key' },
  { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/, what: 'a JSON Web Token' },
  { pattern: /\bBearer\s+[A-Za-z0-9._~+/-]{12,}/, what: 'a bearer token' },
  { pattern: /[?&#](?:api[_-]?key|apikey|access[_-]?token|auth[_-]?token|token|secret|client[_-]?secret|password|key)=[^&\s#]{4,}/i, what: 'a key in the URL\'s query' },
  { pattern: /\/\/[^/\s:@]+:[^/\s@]{3,}@/, what: 'a password in the URL' },
];

/** What credential the literal text looks like (never the text itself), or undefined. */
export function credentialShape(text: string): string | undefined {
  return VALUE_SHAPES.find((s) => s.pattern.test(text))?.what;
}
