/** Error text for people: what went wrong, from anything a `catch` receives. */

/**
 * The error's message; with a cause that is an Error (undici reports "fetch failed" with the
 * reason inside), the cause's code and message in parentheses, unless the message already says
 * it. Non-errors are stringified.
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : null;
  // A wrapper that already tells its cause (the fetcher's FetchError) is not told twice.
  if (!cause || error.message.includes(cause.message)) return error.message;
  const code = (cause as { code?: string }).code;
  return `${error.message} (${code ? `${code}: ` : ''}${cause.message})`;
}
