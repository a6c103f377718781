/**
 * Server rendering, whole pages at once. renderToString cannot be used: with single fetch the loader
 * data reaches the browser through Suspense boundaries that renderToString never resolves, so the page
 * would never hydrate. React 18's Node stream (renderToPipeableStream) writes NUL bytes where its
 * buffer splits a multi-byte character (react#24985, react#31134; every page here is Chinese); the
 * web-stream renderer encodes each chunk whole and does not. It is waited out (allReady) before the
 * response starts, so a page is never half sent.
 */
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { renderToReadableStream } from 'react-dom/server.browser';
import { NonceContext } from './lib/nonce';

export default async function handleRequest(request: Request, status: number, headers: Headers, context: EntryContext, load: AppLoadContext) {
  const nonce = typeof load?.cspNonce === 'string' ? load.cspNonce : undefined;
  const page = (
    <NonceContext.Provider value={nonce}>
      <RemixServer context={context} url={request.url} nonce={nonce} />
    </NonceContext.Provider>
  );
  // A render still running after 10 s is abandoned; the timer is cleared once it is done, since
  // aborting a finished render makes React close its stream a second time.
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), 10_000);
  try {
    const stream = await renderToReadableStream(page, {
      nonce,
      signal: timeout.signal,
      onError: (error: unknown) => console.error(error),
    });
    await stream.allReady;
    headers.set('Content-Type', 'text/html; charset=utf-8');
    return new Response(stream, { status, headers });
  } finally {
    clearTimeout(timer);
  }
}
