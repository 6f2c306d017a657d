/** Moved to utils/locale.ts; kept for importers until the codemod rewrites them. */
export { canonicalLanguage } from '../utils/locale.ts';
