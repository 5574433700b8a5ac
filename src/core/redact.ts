/**
 * Credential shapes and their redaction. Every `ValidationError` message passes through
 * {@link redactCredentials}, so a token given where it does not belong is never printed back.
 */

/** One credential shape: a name for tests and docs, and a pattern (global, linear: no nested quantifiers). */
interface CredentialShape {
  readonly name: string;
  readonly pattern: RegExp;
}

/**
 * Shapes of credentials, matched anywhere in a text. Each pattern is a single character class
 * repeated, so matching is linear in the text length.
 */
const SHAPES: readonly CredentialShape[] = [
  // PEM blocks: the header, the base64 body and the footer if present
  { name: 'PEM block', pattern: /-{3,}BEGIN [A-Z0-9 ]{0,40}-{3,}[A-Za-z0-9+/=\s\\:,.]*(-{3,}END [A-Z0-9 ]{0,40}-{3,})?/g },
  // Hugging Face user and organization access tokens
  { name: 'Hugging Face token', pattern: /hf_[A-Za-z0-9]{16,}/g },
  // OpenAI-style secret keys (`sk-…`, `sk-proj-…`)
  { name: 'secret key', pattern: /sk-[A-Za-z0-9_-]{16,}/g },
  // GitHub tokens
  { name: 'GitHub token', pattern: /(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g },
  // AWS access key ids
  { name: 'AWS access key id', pattern: /(AKIA|ASIA)[0-9A-Z]{16}/g },
  // Slack tokens
  { name: 'Slack token', pattern: /xox[abprs]-[A-Za-z0-9-]{10,}/g },
  // JSON Web Tokens: three base64url parts, the first an encoded `{"`
  { name: 'JWT', pattern: /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g },
];

/** Runs of base64 characters at least this long, mixing upper case, lower case and digits, count as a key. */
const LONG_BASE64_MIN = 32;
const BASE64_RUN = /[A-Za-z0-9+/_=-]{32,}/g;

/** True for a run that reads as random key material rather than a name, a path or a hex digest. */
function randomLooking(run: string): boolean {
  const core = run.replace(/=+$/, '');
  if (core.length < LONG_BASE64_MIN) return false;
  // commit ids and sha256 digests are public identifiers, not secrets
  if (/^[0-9a-f]+$/i.test(core)) return false;
  // paths (model ids, directories): every segment short
  const segments = core.split('/');
  if (segments.every(s => s.length < 24)) return false;
  return /[A-Z]/.test(core) && /[a-z]/.test(core) && /[0-9]/.test(core);
}

/** What replaces a credential in a message. */
export function redactionMark(length: number): string {
  return `<redacted ${length} characters>`;
}

/** True if the text holds something shaped like a credential. */
export function looksLikeCredential(text: string): boolean {
  if (typeof text !== 'string') return false;
  return redactCredentials(text) !== text;
}

/** The names of the credential shapes found in the text (for messages that must say why without quoting). */
export function credentialShapes(text: string): string[] {
  if (typeof text !== 'string') return [];
  const found = SHAPES.filter(s => new RegExp(s.pattern.source).test(text)).map(s => s.name);
  const runs = text.match(BASE64_RUN) ?? [];
  if (runs.some(randomLooking)) found.push('long random string');
  return found;
}

/** The text with every credential-shaped part replaced by {@link redactionMark}. */
export function redactCredentials(text: string): string {
  let out = text;
  for (const s of SHAPES) out = out.replace(s.pattern, m => redactionMark(m.length));
  return out.replace(BASE64_RUN, m => (randomLooking(m) ? redactionMark(m.length) : m));
}
