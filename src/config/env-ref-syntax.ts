/** The syntax of `${ENV_NAME}` references in config values (resolved by config/env-refs.ts). */

export const REF = /\$\{([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `value` holds a `${…}` reference. */
export const hasEnvRef = (value: string): boolean => value.includes('${');

/** Why the references in `value` are malformed (`${}`, `${A-B}`, an unclosed `${`), or null. */
export function envRefProblem(value: string): string | null {
  for (const m of value.matchAll(REF)) {
    if (!NAME.test(m[1])) return `${JSON.stringify(m[0])} is not a valid reference: write \${NAME} with letters, digits and "_"`;
  }
  if (hasEnvRef(value.replace(REF, ''))) return 'has an unclosed "${": write ${NAME}';
  return null;
}

