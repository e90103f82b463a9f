// A small logger for the adapters: one line per event to stderr, secrets redacted before anything is written.
import { randomUUID } from 'node:crypto';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

// Token shapes of the services we talk to, redacted even when a value is not registered as a secret.
const TOKEN_PATTERNS = [
  /\bxox[abposre]-[A-Za-z0-9-]{8,}/g, // Slack bot, user, refresh and other tokens
  /\bxapp-[A-Za-z0-9-]{8,}/g, // Slack app-level token
  /\bsk-[A-Za-z0-9_-]{16,}/g, // OpenAI keys (sk-…, sk-proj-…)
  // Discord bot token: the base64 of the bot's id (17 to 20 digits, so it starts with M, N or O), a timestamp, an HMAC.
  /\b[MNO][A-Za-z\d_-]{22,27}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,}/g,
];
// A credential after an authorization header or a bearer/basic/bot scheme ("Authorization: Bearer abc…",
// "authorization":"Basic …", "Bot <token>"): the scheme word stays, the credential goes. 8+ characters, so that
// "bearer of news" stays as written.
const AUTH_HEADER = /\b(authorization["']?\s*[:=]\s*["']?)(?:(bearer|basic|bot|token)\s+)?([A-Za-z0-9._~+/=-]{8,})/gi;
const AUTH_SCHEME = /\b(bearer|basic)(\s+)([A-Za-z0-9._~+/=-]{8,})/gi;
// User name and password in any URL (a proxy's, Redis's), however short: scheme://user:password@host.
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#"'<>]*@(?=[^\s/?#"'<>@]+)/gi;

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
  out = out.replace(URL_CREDENTIALS, '$1[redacted]@');
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, '[redacted]');
  out = out.replace(AUTH_HEADER, (_m, header: string, scheme: string | undefined) => `${header}${scheme ? `${scheme} ` : ''}[redacted]`);
  out = out.replace(AUTH_SCHEME, (m, scheme: string, space: string, credential: string) =>
    credential === '[redacted]' ? m : `${scheme}${space}[redacted]`,
  );
  return out;
}

/**
 * The user name and password of a URL (as written and percent-decoded), to register as secrets: an error message
 * may quote them outside the URL.
 */
export function urlCredentials(url: string | undefined): string[] {
  if (!url) return [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const parts = [parsed.username, parsed.password].filter((p) => p.length > 0);
  const decoded = parts.map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return [...new Set([...parts, ...decoded])];
}

export function createLogger(options: { name: string; secrets?: readonly (string | undefined)[]; write?: (line: string) => void }): Logger {
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length > 0);
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const emit = (level: string, message: string, fields?: Record<string, unknown>) => {
    const extra = fields
      ? ' ' + JSON.stringify(fields, (_k, v) => (v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v))
      : '';
    write(redact(`${new Date().toISOString()} ${level} [${options.name}] ${message}${extra}`, secrets));
  };
  return {
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

/** A short id that ties a user's apology to the log line with the details. */
export function createRequestId(): string {
  return randomUUID().slice(0, 8);
}
