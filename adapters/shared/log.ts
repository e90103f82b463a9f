// A small logger for the adapters: one line per event to stderr, secrets redacted before anything is written.
import { randomUUID } from 'node:crypto';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

// Token shapes of the services we talk to, redacted even when a value is not registered as a secret.
const TOKEN_PATTERNS = [
  /xox[abposr]-[A-Za-z0-9-]{8,}/g, // Slack bot, user and other tokens
  /xapp-[A-Za-z0-9-]{8,}/g, // Slack app-level token
  /sk-[A-Za-z0-9_-]{16,}/g, // OpenAI keys
  /[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,}/g, // Discord bot token
  /(authorization|bearer)(["':=\s]+)[^\s"',}]+/gi,
];

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, (m, a, b) => (typeof a === 'string' && typeof b === 'string' && /bearer|authorization/i.test(a) ? `${a}${b}[redacted]` : '[redacted]'));
  // Credentials in a Redis URL, however short the password (registered secrets must be 6+ characters).
  out = out.replace(/\b(rediss?:\/\/)[^\s/@]+@/gi, '$1[redacted]@');
  return out;
}

export function createLogger(options: { name: string; secrets?: readonly (string | undefined)[]; write?: (line: string) => void }): Logger {
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length > 0);
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const emit = (level: string, message: string, fields?: Record<string, unknown>) => {
    const extra = fields ? ' ' + JSON.stringify(fields, (_k, v) => (v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v)) : '';
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
