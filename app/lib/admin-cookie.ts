/**
 * The cookie the admin token travels in from a page's forms (a browser form cannot send a header):
 * the upload page sets it when the token is typed; the server's access check reads it (scripts/serve/access.ts).
 */
export const ADMIN_COOKIE = 'nianbao_admin';
