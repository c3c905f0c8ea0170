import { resolveStatic } from '../web/static-files';

/** The one host app:// answers for; any other host is refused. */
export const APP_HOST = 'sms-desk';
export const APP_ORIGIN = `app://${APP_HOST}`;

/**
 * The app:// handler: a request maps to a file inside `rendererDir` or to a 404, never to a file
 * outside it (`..`, encoded or not). `readFile` is Electron's `net.fetch` of the file in the app.
 */
export function rendererRequestHandler(rendererDir: string, readFile: (file: string) => Promise<Response>) {
  return (request: { url: string }): Promise<Response> | Response => {
    const url = new URL(request.url);
    const file = url.host === APP_HOST ? resolveStatic(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    return readFile(file);
  };
}
