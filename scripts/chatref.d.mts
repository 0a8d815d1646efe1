/** Types of the CLI's entry point (scripts/chatref.mjs), for the tests that call it in-process. */
export interface CliResult {
  code: number;
  stdout?: string;
  stderr?: string;
}

/** Runs `chatref <argv…>` with `env` (CHATREF_URL, CHATREF_ADMIN_TOKEN) and returns its outcome. */
export function main(argv: string[], env?: Record<string, string | undefined>): Promise<CliResult>;
