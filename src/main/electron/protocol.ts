import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { resolveStatic } from '../web/static-files';

/** Must run before `app.ready`: app:// behaves like a secure origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer from app://sms-desk/, never a file outside it. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle('app', (request) => {
    const url = new URL(request.url);
    const file = url.host === 'sms-desk' ? resolveStatic(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}
