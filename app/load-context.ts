/** What server.ts hands every loader and the document renderer. */
import type { UploadLimits } from '../scripts/serve/upload-limits';

declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce?: string;
    /** writes need the admin token (the upload page asks for it) */
    writesNeedToken?: boolean;
    uploadLimits?: UploadLimits;
    /** the file types the ingest reads, for the upload page's file picker (`.txt,.pdf,…,.zip`) */
    uploadAccept?: string;
  }
}

export {};
