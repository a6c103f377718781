/**
 * Who may read and who may write. On 127.0.0.1 (the default) only this machine reaches the server;
 * bound elsewhere, every write (upload, ingest, anything but GET/HEAD/OPTIONS) needs the admin token,
 * and the server refuses to start without one. Reads can be put behind a read token too.
 *
 * Writes take the token only from an `Authorization: Bearer` header, which a page of another site
 * cannot make a browser send; reads also take HTTP Basic (any user name, the token as password) so
 * that a browser can open the dashboard. A write whose Origin is another site is refused as well.
 */
import { ADMIN_COOKIE } from '../../app/lib/admin-cookie';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export interface AccessConfig {
  host: string;
  adminToken: string | null;
  readToken: string | null;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

export const isLoopbackHost = (host: string): boolean => LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);

/** A server that would start unprotected. */
export class AccessConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessConfigError';
  }
}

const MIN_TOKEN_LENGTH = 16;

/** The access settings for a host, from the environment; throws when the server must not start. */
export function accessConfig(host: string, env: NodeJS.ProcessEnv = process.env): AccessConfig {
  const adminToken = env.NIANBAO_ADMIN_TOKEN || null;
  const readToken = env.NIANBAO_READ_TOKEN || null;
  if (!isLoopbackHost(host) && !adminToken) {
    throw new AccessConfigError(
      `Refusing to listen on ${host} without NIANBAO_ADMIN_TOKEN: anyone who can reach it could change the data. ` +
        `Set NIANBAO_ADMIN_TOKEN (at least ${MIN_TOKEN_LENGTH} characters) or bind 127.0.0.1. ` +
        `绑定到非本机地址时必须设置管理令牌 NIANBAO_ADMIN_TOKEN。`,
    );
  }
  for (const [name, token] of [['NIANBAO_ADMIN_TOKEN', adminToken], ['NIANBAO_READ_TOKEN', readToken]] as const) {
    if (token !== null && token.length < MIN_TOKEN_LENGTH) {
      throw new AccessConfigError(`${name} is too short: use at least ${MIN_TOKEN_LENGTH} characters. 令牌过短。`);
    }
  }
  return { host, adminToken, readToken };
}

const digest = (s: string) => createHash('sha256').update(s).digest();
const sameToken = (given: string | null, expected: string) => given !== null && timingSafeEqual(digest(given), digest(expected));

function bearer(req: Request): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m ? m[1] : null;
}

// SameSite=Strict, and cross-site writes are refused before any token is looked at.
function adminCookie(req: Request): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === ADMIN_COOKIE) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return null;
}

function basicPassword(req: Request): string | null {
  const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Another site's page posting here: its Origin (or Sec-Fetch-Site) says so. */
function crossSite(req: Request): boolean {
  if (req.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return origin === 'null';
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

export function accessControl(config: AccessConfig): RequestHandler {
  const writesNeedToken = config.adminToken !== null;
  return (req: Request, res: Response, next: NextFunction) => {
    const write = !READ_METHODS.has(req.method);
    if (write) {
      if (crossSite(req)) {
        res.status(403).json({ error: '拒绝来自其他网站的写入请求 (cross-site write refused)' });
        return;
      }
      if (writesNeedToken && !sameToken(bearer(req) ?? adminCookie(req), config.adminToken!)) {
        res.status(401).json({ error: '需要管理令牌：请在 Authorization: Bearer 中提供 NIANBAO_ADMIN_TOKEN (admin token required)' });
        return;
      }
      next();
      return;
    }
    if (config.readToken === null) return next();
    const given = bearer(req) ?? basicPassword(req);
    // The admin may read too.
    if (sameToken(given, config.readToken) || (config.adminToken !== null && sameToken(given, config.adminToken))) return next();
    res.setHeader('WWW-Authenticate', 'Basic realm="Nianbao", charset="UTF-8"');
    res.status(401).type('text/plain; charset=utf-8').send('需要访问令牌：用户名任意，密码为 NIANBAO_READ_TOKEN。 (read token required)');
  };
}

/** Whether writes on this server need the admin token (the upload page asks for it then). */
export const writesNeedToken = (config: AccessConfig): boolean => config.adminToken !== null;
