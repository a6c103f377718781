/** The page's CSP nonce (server.ts makes one per request), for the scripts Remix writes inline. */
import { createContext, useContext } from 'react';

export const NonceContext = createContext<string | undefined>(undefined);

export const useNonce = (): string | undefined => useContext(NonceContext);
