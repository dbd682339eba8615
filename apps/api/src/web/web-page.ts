// The web page (apps/web, built by Vite into dist/web): static files served under /web/, in the
// same process as the API. They are public, like /docs: the page holds no data and no access of
// its own; it calls the JSON API with the token the person typed, so the same auth applies.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
import serveStatic from 'serve-static';
import { ProblemException } from '@geldstroom/application/problem/problem';

export const WEB_PATH = '/web';

/** Where `npm run build:web` puts the page, relative to the working folder like ./data. */
export const WEB_DIR_DEFAULT = join('dist', 'web');

/** Hashed asset names change with their content: a browser may keep them for a year. */
const ASSET_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;

type Next = (error?: unknown) => void;

export function serveWebPage(app: NestFastifyApplication, webDir: string = WEB_DIR_DEFAULT): void {
  // GET / (and HEAD /, which Fastify answers from the GET route): to the page.
  app.getHttpAdapter().getInstance().get('/', (_request, reply) => reply.redirect(`${WEB_PATH}/`, 302));
  // One list: middie takes a path and one function or a list of them.
  app.use(WEB_PATH, [
    webPolicy,
    requireBuilt(webDir),
    serveStatic(webDir, {
      index: 'index.html',
      // /web answers with a redirect to /web/, where the page's relative asset paths hold.
      redirect: true,
      // A file that is not there goes on to the router: a 404 problem, not a page.
      fallthrough: true,
      dotfiles: 'ignore',
      setHeaders: (response, path) => {
      // index.html names the current assets: always ask again; the assets themselves never change.
        response.setHeader('Cache-Control', path.endsWith('index.html') ? 'no-cache' : `public, max-age=${ASSET_MAX_AGE_MS / 1000}, immutable`);
      },
    }),
  ]);
}

/**
 * helmet's policy for the page, all but `upgrade-insecure-requests`: that directive makes a
 * browser fetch the page's own script and stylesheet over https, so on plain http anywhere but
 * localhost (a container on 0.0.0.0, a server on the office network) the page stayed blank
 * (tested with Chromium). Over https it changes nothing. The JSON API keeps the full policy.
 */
const webPolicy = helmet.contentSecurityPolicy({ useDefaults: true, directives: { 'upgrade-insecure-requests': null } });

/** Without a build, say what to run instead of a bare 404. */
function requireBuilt(webDir: string) {
  return (_request: IncomingMessage, _response: ServerResponse, next: Next) => {
    if (existsSync(join(webDir, 'index.html'))) next();
    else next(new ProblemException('unavailable', `the web page is not built: run npm run build:web (it writes ${webDir})`));
  };
}
