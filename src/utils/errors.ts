/** Error text for people: what went wrong, from anything a `catch` receives. */

/**
 * The error's message; with a cause that is an Error (undici reports "fetch failed" with the
 * reason inside), the cause's code and message in parentheses. Non-errors are stringified.
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : null;
  const code = (cause as { code?: string } | null)?.code;
  return cause ? `${error.message} (${code ? `${code}: ` : ''}${cause.message})` : error.message;
}
