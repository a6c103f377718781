/**
 * Who may change data. When NIANBAO_ADMIN_TOKEN is set, a write needs it, as
 * `Authorization: Bearer <token>` or the cookie `nianbao_admin=<token>`; when it is not set (a server
 * on this machine only), anyone who can reach the page may write.
 */
import { timingSafeEqual } from 'node:crypto';

export const ADMIN_COOKIE = 'nianbao_admin';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function presented(request: Request): string | null {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get('Authorization') ?? '');
  if (bearer) return bearer[1].trim();
  for (const part of (request.headers.get('Cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === ADMIN_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

/** Throws a 401 response unless the request may write. */
export function requireAdmin(request: Request): void {
  const token = process.env.NIANBAO_ADMIN_TOKEN;
  if (!token) return;
  const given = presented(request);
  if (given === null || !sameSecret(given, token)) {
    throw new Response('需要管理员令牌（NIANBAO_ADMIN_TOKEN）才能更改数据', { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
  }
}
