/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

/** React 18 ships the web-stream renderer as its browser build; its types are those of react-dom/server. */
declare module 'react-dom/server.browser' {
  export { renderToReadableStream } from 'react-dom/server';
}
