import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { rendererRequestHandler } from './renderer-files';

/** Must run before `app.ready`: app:// behaves like a secure origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer from app://sms-desk/, never a file outside it. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle('app', rendererRequestHandler(rendererDir, (file) => net.fetch(pathToFileURL(file).toString())));
}
