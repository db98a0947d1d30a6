export type ErrorCode = 'NOT_A_REPO' | 'GIT_FAILED' | 'DIFF_PARSE' | 'USAGE' | 'CONFIG' | 'INSTALL' | 'INTERNAL';

/** The one error type keygate throws; the CLI turns it into one clear line and exit 2. */
export class KeygateError extends Error {
  readonly code: ErrorCode;
  /** What the user can do about it. */
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, { cause: options.cause });
    this.name = 'KeygateError';
    this.code = code;
    this.hint = options.hint;
  }
}
