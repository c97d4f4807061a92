import { fileURLToPath } from 'node:url';

/** The bundled lexicon set (`lexicons/` at the package root), from src/ or dist/ alike. */
export const BUNDLED_LEXICONS = fileURLToPath(new URL('../../lexicons', import.meta.url));
