/** The studio's static files, served from memory on both runtimes (routes.ts). */
import { SCRIPT_COMMON } from './script-common.ts';
import { SCRIPT_EDITOR } from './script-editor.ts';
import { SCRIPT_SOURCES } from './script-sources.ts';
import { STUDIO_CSS } from './style.ts';

const SCRIPT = `${SCRIPT_COMMON}${SCRIPT_SOURCES}${SCRIPT_EDITOR}
var page = body.getAttribute('data-page');
if (page === 'sources') sourcesScreen();
else if (page === 'editor') editorScreen();
})();
`;

export const STUDIO_ASSETS = {
  css: { name: 'studio.css', type: 'text/css; charset=utf-8', body: STUDIO_CSS },
  js: { name: 'studio.js', type: 'text/javascript; charset=utf-8', body: SCRIPT },
} as const;
