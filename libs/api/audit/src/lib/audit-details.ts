import { USERNAME_PATTERN, type AuditDetails } from '@lilux/contracts';

/** Facts as callers give them; an undefined one is left out. */
export type AuditFacts = Record<string, string | number | boolean | null | undefined>;

/** Names of facts that could hold a secret: their values are never stored, whoever passes them. */
const SECRET_NAME = /pass(word|phrase)?|secret|token|api.?key|private|otp|totp|recovery|credential|cookie|authorization|session.?id/i;
/** A JWT, wherever it turns up. */
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]*/;
const REDACTED = '[redacted]';
const MAX_FACTS = 24;
const MAX_TEXT = 200;
const MAX_NAME = 64;

/**
 * The details as stored: flat facts only, at most {@link MAX_FACTS}, text cut to {@link MAX_TEXT} characters,
 * and any fact whose name or value looks like a secret replaced by `[redacted]`. Callers pick what they pass
 * (never a whole request body); this is the net under them. Canonical JSON text (keys sorted), or null.
 */
export function detailsText(details: AuditFacts | undefined): string | null {
  if (!details) return null;
  const facts = Object.entries(details)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_FACTS)
    .map(([name, value]) => [name.slice(0, MAX_NAME), safeValue(name, value)] as const);
  return facts.length === 0 ? null : JSON.stringify(Object.fromEntries(facts));
}

/** Facts picked from a refused request's body were never validated: anything but a plain value becomes null. */
function safeValue(name: string, value: unknown): AuditDetails[string] {
  if (SECRET_NAME.test(name)) return REDACTED;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return null;
  return JWT.test(value) ? REDACTED : plainText(value, MAX_TEXT);
}

/** Text without control or bidi override characters, cut to `length`: what anyone reading it sees is what it says. */
export function plainText(value: string, length = MAX_NAME): string {
  return value.replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, ' ').slice(0, length);
}

/**
 * The name a login attempt gave, when it could be a username. Whatever else was typed there — often a password
 * in the wrong field — is not recorded.
 */
export function attemptedUsername(username: unknown): string | null {
  return typeof username === 'string' && USERNAME_PATTERN.test(username.trim()) ? username.trim() : null;
}
