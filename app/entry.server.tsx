/**
 * Server rendering with renderToString: React 18's renderToPipeableStream can write NUL bytes where a
 * chunk boundary splits a multi-byte character (react#24985, react#31134), and every page here is
 * Chinese. Pages are small and need no streaming.
 */
import type { EntryContext } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { renderToString } from 'react-dom/server';

export default function handleRequest(request: Request, status: number, headers: Headers, context: EntryContext) {
  const html = renderToString(<RemixServer context={context} url={request.url} />);
  headers.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(`<!DOCTYPE html>${html}`, { status, headers });
}
