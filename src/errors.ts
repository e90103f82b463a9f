// One table of the core's error codes and the safe, user-facing message of each.
const messages = {
  EMPTY_QUESTION: () => "The question is empty: type a question about Vietnam's foreign relations.",
  QUESTION_TOO_LONG: (max: unknown) => `The question is too long: keep it under ${max} characters.`,
  CORPUS_MISSING: (dir: unknown) => `The corpus folder ${dir} does not exist or cannot be read.`,
  CORPUS_EMPTY: (dir: unknown) => `The corpus folder ${dir} holds no readable .txt or .md file.`,
  INDEX_CORRUPT: (reason: unknown) => `The index is unusable (${reason}).`,
  INDEX_UNWRITABLE: (dir: unknown, code: unknown) => `The data folder ${dir} cannot be written (${code}): the index cannot be updated there.`,
  INDEX_LOCKED: (dir: unknown, owner: unknown) => `The index in ${dir} is being built by ${owner}; gave up waiting for it.`,
  EMBEDDER_FAILED: (reason: unknown) => `The embedder failed: ${reason}`,
  DIMENSION_MISMATCH: (expected: unknown, got: unknown) => `Expected vectors of dimension ${expected}, got ${got}.`,
  INVALID_CONFIG: (detail: unknown) => `Invalid configuration: ${detail}`,
  UNKNOWN_FILE: (file: unknown) => `No corpus file named ${file}.`,
} as const;

export type ErrorCode = keyof typeof messages;

export class CoreError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
  }
}

export function createError<C extends ErrorCode>(code: C, ...args: Parameters<(typeof messages)[C]>): CoreError {
  const build = messages[code] as (...a: unknown[]) => string;
  return new CoreError(code, build(...args));
}

export function isCoreError(error: unknown, code?: ErrorCode): error is CoreError {
  return error instanceof CoreError && (code === undefined || error.code === code);
}
